package dev.lithair.spring.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;

import dev.lithair.history.FieldChange;

/**
 * A Spring Data repository over a Lithair store: every {@code save} and {@code delete} becomes an
 * event in the store's durable log, and every read is answered from memory.
 *
 * <pre>{@code
 * interface ProductRepository extends LithairRepository<Product, String> {
 *     List<Product> findByCategory(String category);                 // from the @Indexed category index
 *     List<Product> findTop10ByCategoryOrderByPriceDesc(String category);
 *     Page<Product> findByOwner(String owner, Pageable pageable);
 * }
 * }</pre>
 *
 * <p>Derived query methods are answered from the declared indexes when the properties they filter
 * or order by are {@code @Indexed}, and by a scan of the type's live entities otherwise; each query
 * method that scans is named once in a warning at start-up. Query by Example is available by also
 * extending {@link org.springframework.data.repository.query.QueryByExampleExecutor}.
 *
 * <p>Violations are Spring's {@link org.springframework.dao.DataAccessException} family:
 * {@code @Unique} raises {@link org.springframework.dao.DuplicateKeyException}, {@code @Immutable}
 * {@link org.springframework.dao.DataIntegrityViolationException}, a stale {@code @Version}
 * {@link org.springframework.dao.OptimisticLockingFailureException}; a rejected write changes nothing.
 * Inside a Spring {@code @Transactional} method, saves and deletes are held until the method
 * returns and then committed as one atomic batch, or not at all when it throws.
 *
 * @param <T>  the entity type
 * @param <ID> the type of its {@code @Id}; the store keys entities by its string form
 */
@NoRepositoryBean
public interface LithairRepository<T, ID> extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID> {

    /**
     * Saves {@code entity} once per key: when a write with {@code idempotencyKey} was already
     * applied (also before a restart), nothing changes and the stored entity is returned.
     *
     * @param entity         the entity to save
     * @param idempotencyKey the write's key, not blank
     * @return the entity as stored
     */
    T save(T entity, String idempotencyKey);

    /**
     * Erases the entity and all its retained history, as a right-to-erasure request asks: it leaves
     * memory at once (a deleted entity's audit trail too), and after the next compaction
     * ({@code POST {admin}/compact}) no byte of its values is left in the data directory; a restart does
     * not bring it back. The erasure itself is recorded (type, id, actor, time), nothing else of the
     * entity. Erasing an id that was never stored still records the erasure. Backups taken before keep
     * what they hold.
     *
     * @param id the entity's id
     */
    void erase(ID id);

    /**
     * All retained changes of all fields of the entity, oldest first; creation is the first change.
     *
     * @param id the entity's id
     * @return the changes, empty when none is retained
     */
    List<FieldChange> history(ID id);

    /**
     * The retained changes of one field of the entity, oldest first.
     *
     * @param id    the entity's id
     * @param field the field's name
     * @return the changes, empty when none is retained
     */
    List<FieldChange> history(ID id, String field);

    /**
     * The entity as it was at {@code asOf}, as far as its retained history tells.
     *
     * @param id   the entity's id
     * @param asOf the past instant
     *
     * @return the entity's state at the instant, or empty when it did not exist then (not yet
     *         created, or deleted)
     * @throws IncompleteHistoryException when the retained history cannot tell the whole state at
     *         that instant: never a state with some fields silently missing or current
     */
    Optional<T> findById(ID id, Instant asOf);
}
