package dev.lithair.spring.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityCodec;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.repository.IncompleteHistoryException;
import dev.lithair.store.EntityTable;
import dev.lithair.store.spi.ReadConsistency;

/**
 * Reads and writes of the entity types of one Lithair store, as the current unit of work sees them:
 * what repositories delegate to, and what an application may use directly. Implemented by
 * {@link LithairTemplate}.
 *
 * <p>Writes join the current Spring transaction when there is one (committed with it, as one batch)
 * and are otherwise committed at once, each call's writes as one atomic commit. Reads see the store's
 * committed state with the current transaction's staged writes on top. The store's rejections come
 * out as Spring's {@link DataAccessException} family. Ids are the store's keys: the string form of
 * the entity's id.
 */
public interface LithairOperations {

    /**
     * The mapping metadata of the entity types.
     *
     * @return the mapping context
     */
    LithairMappingContext mappingContext();

    /**
     * The store's codec of a domain type; fails clearly when the store was not opened with it.
     *
     * @param type the domain type
     * @param <T>  the domain type
     * @return the codec
     */
    <T> EntityCodec<T> codec(Class<T> type);

    /**
     * The store's table of an entity type, the same for the store's lifetime: a caller that keeps it
     * (a repository) reads by id through {@link #findById(EntityTable, String)} without looking the
     * type up on each call.
     *
     * @param type the domain type
     * @param <T>  the domain type
     * @return the table, or {@code null} when the operations act on a store chosen per call (one per tenant):
     *         the caller then reads by type, {@link #findById(Class, String)}
     */
    <T> EntityTable<T> table(Class<T> type);

    /**
     * Runs {@code reads} with the given consistency instead of {@code lithair.cluster.read-consistency}:
     * with {@link ReadConsistency#LINEARIZABLE} this member first confirms with the leader that it has
     * applied every commit acknowledged before the call (once for all the reads inside), with
     * {@link ReadConsistency#LOCAL} the reads take this member's state as it is. On a single node every
     * read is current either way.
     *
     * <pre>{@code
     * Optional<Product> fresh = operations.read(ReadConsistency.LINEARIZABLE, () -> products.findById("p1"));
     * }</pre>
     *
     * @param consistency the consistency the reads need
     * @param reads       the reads
     * @param <R>         what they return
     * @return what the reads return
     */
    <R> R read(ReadConsistency consistency, Supplier<R> reads);

    /**
     * The entity, as the current unit of work sees it.
     *
     * @param type the domain type
     * @param id   the entity's id
     * @param <T>  the domain type
     * @return the entity, or empty
     */
    <T> Optional<T> findById(Class<T> type, String id);

    /**
     * {@link #findById(Class, String)} through a table from {@link #table(Class)}.
     *
     * @param table the type's table
     * @param id    the entity's id
     * @param <T>   the domain type
     * @return the entity, or empty
     */
    <T> Optional<T> findById(EntityTable<T> table, String id);

    /**
     * Whether the entity exists, as the current unit of work sees it.
     *
     * @param type the domain type
     * @param id   the entity's id
     * @return whether it exists
     */
    boolean existsById(Class<?> type, String id);

    /**
     * Every live entity of the type, in no particular order.
     *
     * @param type the domain type
     * @param <T>  the domain type
     * @return the entities
     */
    <T> List<T> findAll(Class<T> type);

    /**
     * The number of live entities of the type, as the current unit of work sees them.
     *
     * @param type the domain type
     * @return the number
     */
    long count(Class<?> type);

    /**
     * The entities matching {@code query}, sorted and windowed as it says.
     *
     * @param type  the domain type
     * @param query the query
     * @param <T>   the domain type
     * @return the entities
     */
    <T> List<T> find(Class<T> type, EntityQuery query);

    /**
     * The number of entities matching {@code query}, before any window.
     *
     * @param type  the domain type
     * @param query the query
     * @return the number
     */
    long count(Class<?> type, EntityQuery query);

    /**
     * The window of {@code query}'s matches at {@code position}: at most {@code query.limit()} of them
     * (all when unlimited) after an offset, or strictly after (before, scrolling backward) a keyset
     * position made of the sort's property values and the id.
     *
     * @param <T>      the domain type
     * @param type     the domain type
     * @param query    the query, with its sort and limit
     * @param position where the window starts
     * @return the window
     */
    <T> Window<T> scroll(Class<T> type, EntityQuery query, ScrollPosition position);

    /**
     * Whether an entity matches {@code query}.
     *
     * @param type  the domain type
     * @param query the query
     * @return whether one matches
     */
    boolean exists(Class<?> type, EntityQuery query);

    /**
     * Every retained change of every field of the entity, oldest first.
     *
     * @param type the domain type
     * @param id   the entity's id
     * @return the changes
     */
    List<FieldChange> history(Class<?> type, String id);

    /**
     * Every retained change of one field of the entity, oldest first.
     *
     * @param type  the domain type
     * @param id    the entity's id
     * @param field the field's name
     * @return the changes
     */
    List<FieldChange> history(Class<?> type, String id, String field);

    /**
     * The entity as it was at {@code instant}: empty when it did not exist then.
     *
     * @param type    the domain type
     * @param id      the entity's id
     * @param instant the past instant
     * @param <T>     the domain type
     * @return the entity then, or empty when it did not exist
     * @throws IncompleteHistoryException when the retained history cannot tell every field's value at
     *         the instant, or whether the entity existed
     */
    <T> Optional<T> findAsOf(Class<T> type, String id, Instant instant);

    /**
     * Saves one entity; see {@link #saveAll}.
     *
     * @param entity         the entity
     * @param idempotencyKey the commit's key, or {@code null}
     * @param <T>            the domain type
     * @return the entity as stored
     */
    <T> T save(T entity, String idempotencyKey);

    /**
     * Saves entities, all in one commit. A missing {@code String} or {@code UUID} id is generated, the
     * auditing properties are set and the {@code @Version} advanced as the store will.
     *
     * @param idempotencyKey the commit's key, or {@code null}; a key already applied changes nothing
     * @param entities       the entities, saved in order
     * @param <T>            the domain type
     * @return the entities as stored (as they will be, inside a transaction); a mutable entity given
     *         also receives its id, version and auditing values
     */
    <T> List<T> saveAll(Iterable<T> entities, String idempotencyKey);

    /**
     * Deletes the entity with {@code id}; nothing when it does not exist.
     *
     * @param type the domain type
     * @param id   the entity's id
     */
    void deleteById(Class<?> type, String id);

    /**
     * Erases the entity with {@code id} and all its retained history (a deleted entity's audit trail
     * included), recording only that it was erased; see {@link dev.lithair.spring.repository.LithairRepository#erase}.
     *
     * @param type the domain type
     * @param id   the entity's id
     */
    void eraseById(Class<?> type, String id);

    /**
     * Deletes entities by id, all in one commit; absent ones are ignored.
     *
     * @param type the domain type
     * @param ids  the entities' ids
     */
    void deleteAllById(Class<?> type, Collection<String> ids);

    /**
     * Deletes entities, all in one commit; absent ones are ignored.
     *
     * @param entities the entities
     * @throws OptimisticLockingFailureException when an entity's {@code @Version} is not the stored one
     */
    void deleteAll(Iterable<?> entities);
}
