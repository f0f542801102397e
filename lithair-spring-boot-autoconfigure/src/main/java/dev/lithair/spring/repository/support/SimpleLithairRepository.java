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
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.repository.LithairRepository;
import dev.lithair.store.EntityTable;

/**
 * The implementation behind every {@link LithairRepository}: plain code over one
 * {@link LithairTemplate}, which knows the store, the current transaction and the indexes. Query by
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
    private final LithairTemplate template;
    private final Class<T> type;
    /** Kept: a read by id goes straight to the type's table instead of finding it by class each time. */
    private final EntityTable<T> table;

    public SimpleLithairRepository(EntityInformation<T, ID> entityInformation, LithairTemplate template) {
        Assert.notNull(entityInformation, "EntityInformation must not be null");
        Assert.notNull(template, "LithairTemplate must not be null");
        this.entityInformation = entityInformation;
        this.template = template;
        this.type = entityInformation.getJavaType();
        this.table = template.table(type); // fails now, clearly, when the store does not know the type
    }

    private static String key(Object id) {
        return LithairTemplate.key(id);
    }

    // ---------------------------------------------------------------- CrudRepository

    @Override
    public <S extends T> S save(S entity) {
        Assert.notNull(entity, "Entity must not be null");
        return template.save(entity, null);
    }

    @Override
    public T save(T entity, String idempotencyKey) {
        Assert.notNull(entity, "Entity must not be null");
        Assert.hasText(idempotencyKey, "An idempotency key must not be empty");
        return template.save(entity, idempotencyKey);
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> entities) {
        return template.saveAll(entities, null);
    }

    @Override
    public Optional<T> findById(ID id) {
        return template.findById(table, type, key(id));
    }

    @Override
    public boolean existsById(ID id) {
        return findById(id).isPresent();
    }

    @Override
    public List<T> findAll() {
        return template.findAll(type);
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
        return template.count(type);
    }

    @Override
    public void deleteById(ID id) {
        template.deleteById(type, key(id));
    }

    @Override
    public void delete(T entity) {
        Assert.notNull(entity, "Entity must not be null");
        template.deleteAll(List.of(entity));
    }

    @Override
    public void deleteAllById(Iterable<? extends ID> ids) {
        Assert.notNull(ids, "Ids must not be null");
        List<String> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(key(id)));
        template.deleteAllById(type, keys);
    }

    @Override
    public void deleteAll(Iterable<? extends T> entities) {
        Assert.notNull(entities, "Entities must not be null");
        template.deleteAll(entities);
    }

    @Override
    public void deleteAll() {
        List<String> ids = new ArrayList<>();
        for (T entity : template.findAll(type)) {
            ids.add(key(entityInformation.getRequiredId(entity)));
        }
        template.deleteAllById(type, ids);
    }

    // ---------------------------------------------------------------- PagingAndSortingRepository

    @Override
    public List<T> findAll(Sort sort) {
        Assert.notNull(sort, "Sort must not be null");
        return template.find(type, EntityQuery.all(sort));
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
        return PageableExecutionUtils.getPage(content, pageable, () -> template.count(type, query));
    }

    @SuppressWarnings("unchecked")
    private <S> List<S> find(EntityQuery query) {
        return (List<S>) template.find(type, query);
    }

    // ---------------------------------------------------------------- LithairRepository

    @Override
    public List<FieldChange> history(ID id) {
        return template.history(type, key(id));
    }

    @Override
    public List<FieldChange> history(ID id, String field) {
        Assert.hasText(field, "Field must not be empty");
        return template.history(type, key(id), field);
    }

    @Override
    public Optional<T> findById(ID id, Instant asOf) {
        Assert.notNull(asOf, "The instant must not be null");
        return template.findAsOf(type, key(id), asOf);
    }

    // ---------------------------------------------------------------- Query by Example

    private EntityQuery byExample(Example<?> example, Sort sort) {
        Assert.notNull(example, "Example must not be null");
        return EntityQuery.matching(ExampleFilter.of(example, template.mappingContext()), sort);
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
        return template.count(type, byExample(example, Sort.unsorted()));
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return template.exists(type, byExample(example, Sort.unsorted()));
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
            return template.count(type, query);
        }

        @Override
        public boolean exists() {
            return template.exists(type, query);
        }
    }
}
