package dev.lithair.spring.repository.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.core.EntityQuery;
import dev.lithair.spring.core.ExampleFilter;
import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.repository.LithairRepository;
import dev.lithair.store.EntityTable;

/**
 * The implementation behind every {@link LithairRepository}: plain code over one
 * {@link LithairOperations}, which knows the store, the current transaction and the indexes. Query by
 * Example is implemented too; a repository interface offers it by extending
 * {@link org.springframework.data.repository.query.QueryByExampleExecutor}.
 *
 * <p>Batch methods ({@code saveAll}, {@code deleteAll…}) commit as one atomic batch. Thread-safe.
 *
 * @param <T>  the entity type
 * @param <ID> its id type
 */
public class SimpleLithairRepository<T, ID> implements LithairRepository<T, ID>, ListQueryByExampleExecutor<T> {

    private final EntityInformation<T, ID> entityInformation;
    private final LithairOperations operations;
    private final Class<T> type;
    /**
     * The type's table: a read by id goes straight to it instead of finding it by class each time;
     * {@code null} when the operations have no single store (tenants), and then reads go by type.
     */
    private final EntityTable<T> table;

    /**
     * The base repository of one entity type.
     *
     * @param entityInformation the entity type's metadata
     * @param operations        what the repository works through
     */
    public SimpleLithairRepository(EntityInformation<T, ID> entityInformation, LithairOperations operations) {
        Assert.notNull(entityInformation, "EntityInformation must not be null");
        Assert.notNull(operations, "LithairOperations must not be null");
        this.entityInformation = entityInformation;
        this.operations = operations;
        this.type = entityInformation.getJavaType();
        this.table = operations.table(type); // fails now, clearly, when the store does not know the type
    }

    /** The store's key of an id: its string form, as the store keys entities. */
    private static String key(Object id) {
        Assert.notNull(id, "The given id must not be null");
        return id instanceof String ? (String) id : id.toString();
    }

    // ---------------------------------------------------------------- CrudRepository

    @Override
    public <S extends T> S save(S entity) {
        Assert.notNull(entity, "Entity must not be null");
        return operations.save(entity, null);
    }

    @Override
    public T save(T entity, String idempotencyKey) {
        Assert.notNull(entity, "Entity must not be null");
        Assert.hasText(idempotencyKey, "An idempotency key must not be empty");
        return operations.save(entity, idempotencyKey);
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> entities) {
        return operations.saveAll(entities, null);
    }

    @Override
    public Optional<T> findById(ID id) {
        return table != null ? operations.findById(table, key(id)) : operations.findById(type, key(id));
    }

    @Override
    public boolean existsById(ID id) {
        return findById(id).isPresent();
    }

    @Override
    public List<T> findAll() {
        return operations.findAll(type);
    }

    @Override
    public List<T> findAllById(Iterable<ID> ids) {
        Assert.notNull(ids, "Ids must not be null");
        List<T> found = new ArrayList<>();
        for (ID id : ids) {
            findById(id).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public long count() {
        return operations.count(type);
    }

    @Override
    public void deleteById(ID id) {
        operations.deleteById(type, key(id));
    }

    @Override
    public void erase(ID id) {
        Assert.notNull(id, "The given id must not be null");
        operations.eraseById(type, key(id));
    }

    @Override
    public void delete(T entity) {
        Assert.notNull(entity, "Entity must not be null");
        operations.deleteAll(List.of(entity));
    }

    @Override
    public void deleteAllById(Iterable<? extends ID> ids) {
        Assert.notNull(ids, "Ids must not be null");
        List<String> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(key(id)));
        operations.deleteAllById(type, keys);
    }

    @Override
    public void deleteAll(Iterable<? extends T> entities) {
        Assert.notNull(entities, "Entities must not be null");
        operations.deleteAll(entities);
    }

    @Override
    public void deleteAll() {
        List<String> ids = new ArrayList<>();
        for (T entity : operations.findAll(type)) {
            ids.add(key(entityInformation.getRequiredId(entity)));
        }
        operations.deleteAllById(type, ids);
    }

    // ---------------------------------------------------------------- PagingAndSortingRepository

    @Override
    public List<T> findAll(Sort sort) {
        Assert.notNull(sort, "Sort must not be null");
        return operations.find(type, EntityQuery.all(sort));
    }

    @Override
    public Page<T> findAll(Pageable pageable) {
        Assert.notNull(pageable, "Pageable must not be null");
        return page(EntityQuery.all(pageable.getSort()), pageable);
    }

    private <S> Page<S> page(EntityQuery query, Pageable pageable) {
        if (pageable.isUnpaged()) {
            List<S> all = find(query.withSort(pageable.getSort().isSorted() ? pageable.getSort() : query.sort()));
            return PageableExecutionUtils.getPage(all, pageable, all::size);
        }
        Sort sort = pageable.getSort().isSorted() ? pageable.getSort() : query.sort();
        List<S> content = find(query.withSort(sort).window(pageable.getOffset(), pageable.getPageSize()));
        return PageableExecutionUtils.getPage(content, pageable, () -> operations.count(type, query));
    }

    @SuppressWarnings("unchecked")
    private <S> List<S> find(EntityQuery query) {
        return (List<S>) operations.find(type, query);
    }

    // ---------------------------------------------------------------- LithairRepository

    @Override
    public List<FieldChange> history(ID id) {
        return operations.history(type, key(id));
    }

    @Override
    public List<FieldChange> history(ID id, String field) {
        Assert.hasText(field, "Field must not be empty");
        return operations.history(type, key(id), field);
    }

    @Override
    public Optional<T> findById(ID id, Instant asOf) {
        Assert.notNull(asOf, "The instant must not be null");
        return operations.findAsOf(type, key(id), asOf);
    }

    // ---------------------------------------------------------------- Query by Example

    private EntityQuery byExample(Example<?> example, Sort sort) {
        Assert.notNull(example, "Example must not be null");
        return EntityQuery.matching(ExampleFilter.of(example, operations.mappingContext()), sort);
    }

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        List<S> found = find(byExample(example, Sort.unsorted()).window(0, 2));
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException(1);
        }
        return found.stream().findFirst();
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return find(byExample(example, Sort.unsorted()));
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        Assert.notNull(sort, "Sort must not be null");
        return find(byExample(example, sort));
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        Assert.notNull(pageable, "Pageable must not be null");
        return page(byExample(example, Sort.unsorted()), pageable);
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return operations.count(type, byExample(example, Sort.unsorted()));
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return operations.exists(type, byExample(example, Sort.unsorted()));
    }

    @Override
    public <S extends T, R> R findBy(Example<S> example,
            Function<FluentQuery.FetchableFluentQuery<S>, R> queryFunction) {
        Assert.notNull(queryFunction, "Query function must not be null");
        return queryFunction.apply(new FluentExampleQuery<>(byExample(example, Sort.unsorted()), null));
    }

    /** Query by Example, fluently: sorting, a limit and paging; results of the entity type only. */
    private final class FluentExampleQuery<S> implements FluentQuery.FetchableFluentQuery<S> {

        private final EntityQuery query;
        private final Integer limit;

        FluentExampleQuery(EntityQuery query, Integer limit) {
            this.query = query;
            this.limit = limit;
        }

        @Override
        public FetchableFluentQuery<S> sortBy(Sort sort) {
            Assert.notNull(sort, "Sort must not be null");
            return new FluentExampleQuery<>(query.withSort(query.sort().and(sort)), limit);
        }

        @Override
        public FetchableFluentQuery<S> limit(int max) {
            Assert.isTrue(max >= 0, "Limit must not be negative");
            return new FluentExampleQuery<>(query, max);
        }

        @Override
        public <R> FetchableFluentQuery<R> as(Class<R> resultType) {
            throw new UnsupportedOperationException("Projections of Query by Example are not supported; map the "
                    + "entities instead");
        }

        @Override
        public FetchableFluentQuery<S> project(java.util.Collection<String> properties) {
            return this; // every property is in memory anyway
        }

        private EntityQuery limited(EntityQuery base) {
            return limit == null ? base : base.window(0, limit);
        }

        @Override
        public S oneValue() {
            List<S> found = find(query.window(0, 2));
            if (found.size() > 1) {
                throw new IncorrectResultSizeDataAccessException(1);
            }
            return found.isEmpty() ? null : found.get(0);
        }

        @Override
        public S firstValue() {
            List<S> found = find(query.window(0, 1));
            return found.isEmpty() ? null : found.get(0);
        }

        @Override
        public List<S> all() {
            return find(limited(query));
        }

        @Override
        public Page<S> page(Pageable pageable) {
            return SimpleLithairRepository.this.page(query, pageable);
        }

        @Override
        public java.util.stream.Stream<S> stream() {
            return all().stream();
        }

        @Override
        public long count() {
            return operations.count(type, query);
        }

        @Override
        public boolean exists() {
            return operations.exists(type, query);
        }
    }
}
