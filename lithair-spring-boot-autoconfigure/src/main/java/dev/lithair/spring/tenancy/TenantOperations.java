package dev.lithair.spring.tenancy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import dev.lithair.spring.core.EntityQuery;
import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.store.EntityTable;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.ReadConsistency;

/**
 * The {@link LithairOperations} with tenants enabled: each call finds the current tenant, pins its store
 * ({@link TenantStores}, opening it on first use) and hands the call to that store's {@link LithairTemplate},
 * so repositories, derived queries, history, idempotency keys and projections all act on the current
 * tenant's store and on nothing else.
 *
 * <p>The current tenant is the one {@link Tenants#callAs} set on the calling thread (the request header
 * filter sets it the same way), else the one the {@link TenantResolver} bean gives; with none, the call fails
 * with {@link NoTenantException} before anything is read or touched. Inside a transaction the call joins it
 * ({@link TenantTransaction}): the transaction commits to its first tenant's store, and a call as another
 * tenant is refused.
 *
 * <p>Applications without tenants never see this class: their repositories work on the store's template
 * directly, with no lookup per call. Thread-safe.
 */
public class TenantOperations implements LithairOperations {

    private final TenantStores stores;
    private final LithairMappingContext mappingContext;
    private final EntityTypes types;
    private final TenantResolver resolver;
    private final String header;

    /**
     * The operations over the tenants' stores.
     *
     * @param stores         the tenants' stores
     * @param mappingContext the mapping metadata of the entity types
     * @param types          the entity types every tenant's store holds
     * @param resolver       the application's resolver; {@code null} when it has none
     * @param header         the request header that names the tenant, for the message of {@link NoTenantException}
     */
    public TenantOperations(TenantStores stores, LithairMappingContext mappingContext, EntityTypes types,
            TenantResolver resolver, String header) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.mappingContext = Objects.requireNonNull(mappingContext, "mappingContext");
        this.types = Objects.requireNonNull(types, "types");
        this.resolver = resolver;
        this.header = header;
    }

    /**
     * The tenant the calling code acts for.
     *
     * @return the tenant id, or empty
     */
    public Optional<String> currentTenant() {
        return Optional.ofNullable(currentTenantOrNull());
    }

    private String currentTenantOrNull() {
        String tenant = Tenants.currentOrNull();
        if (tenant == null && resolver != null) {
            tenant = resolver.currentTenant().orElse(null);
        }
        return tenant;
    }

    /** Runs one call on the current tenant's template, its store pinned meanwhile. */
    private <R> R asCurrentTenant(Function<LithairTemplate, R> call) {
        String tenant = currentTenantOrNull();
        if (tenant == null) {
            throw new NoTenantException(header);
        }
        TenantTransaction transaction = TenantTransaction.current(stores);
        if (transaction != null) {
            transaction.join(tenant, stores);
        }
        OpenTenant open = stores.acquire(tenant);
        try {
            return call.apply(open.template());
        } finally {
            stores.release(open);
        }
    }

    private void runAsCurrentTenant(Consumer<LithairTemplate> call) {
        asCurrentTenant(template -> {
            call.accept(template);
            return null;
        });
    }

    /**
     * Runs {@code work} on the current tenant's store, pinned meanwhile: for what repositories do not cover,
     * such as reading a projection ({@code store.projections().get(...)}). Keep no reference to the store
     * after: an unused tenant's store is closed.
     *
     * @param work what to do with the store
     * @param <R>  what it returns
     * @return what {@code work} returns
     * @throws NoTenantException when the calling code acts for no tenant
     */
    public <R> R onCurrentTenantStore(Function<LithairStore, R> work) {
        return asCurrentTenant(template -> work.apply(template.store()));
    }

    @Override
    public LithairMappingContext mappingContext() {
        return mappingContext;
    }

    /** The codec of the entity type, the same in every tenant's store; no tenant needed. */
    @Override
    public <T> EntityCodec<T> codec(Class<T> type) {
        EntityCodec<T> codec = types.codec(type);
        if (codec == null) {
            throw new InvalidDataAccessApiUsageException(type.getName() + " is not an entity type of the Lithair "
                    + "stores (the LithairRepositoryEntityTypes bean lists the domain types of the repositories)");
        }
        return codec;
    }

    /**
     * {@code null}: each tenant has a table of its own, so a repository reads by type through
     * {@link #findById(Class, String)}. The type is checked all the same.
     */
    @Override
    public <T> EntityTable<T> table(Class<T> type) {
        codec(type);
        return null;
    }

    @Override
    public <R> R read(ReadConsistency consistency, Supplier<R> reads) {
        return asCurrentTenant(template -> template.read(consistency, reads));
    }

    @Override
    public <T> Optional<T> findById(Class<T> type, String id) {
        return asCurrentTenant(template -> template.findById(type, id));
    }

    @Override
    public <T> Optional<T> findById(EntityTable<T> table, String id) {
        return findById(table.codec().model().type(), id);
    }

    @Override
    public boolean existsById(Class<?> type, String id) {
        return asCurrentTenant(template -> template.existsById(type, id));
    }

    @Override
    public <T> List<T> findAll(Class<T> type) {
        return asCurrentTenant(template -> template.findAll(type));
    }

    @Override
    public long count(Class<?> type) {
        return asCurrentTenant(template -> template.count(type));
    }

    @Override
    public <T> List<T> find(Class<T> type, EntityQuery query) {
        return asCurrentTenant(template -> template.find(type, query));
    }

    @Override
    public long count(Class<?> type, EntityQuery query) {
        return asCurrentTenant(template -> template.count(type, query));
    }

    @Override
    public <T> Window<T> scroll(Class<T> type, EntityQuery query, ScrollPosition position) {
        return asCurrentTenant(template -> template.scroll(type, query, position));
    }

    @Override
    public boolean exists(Class<?> type, EntityQuery query) {
        return asCurrentTenant(template -> template.exists(type, query));
    }

    @Override
    public List<FieldChange> history(Class<?> type, String id) {
        return asCurrentTenant(template -> template.history(type, id));
    }

    @Override
    public List<FieldChange> history(Class<?> type, String id, String field) {
        return asCurrentTenant(template -> template.history(type, id, field));
    }

    @Override
    public <T> Optional<T> findAsOf(Class<T> type, String id, Instant instant) {
        return asCurrentTenant(template -> template.findAsOf(type, id, instant));
    }

    @Override
    public <T> T save(T entity, String idempotencyKey) {
        return asCurrentTenant(template -> template.save(entity, idempotencyKey));
    }

    @Override
    public <T> List<T> saveAll(Iterable<T> entities, String idempotencyKey) {
        return asCurrentTenant(template -> template.saveAll(entities, idempotencyKey));
    }

    @Override
    public void deleteById(Class<?> type, String id) {
        runAsCurrentTenant(template -> template.deleteById(type, id));
    }

    @Override
    public void eraseById(Class<?> type, String id) {
        runAsCurrentTenant(template -> template.eraseById(type, id));
    }

    @Override
    public void deleteAllById(Class<?> type, Collection<String> ids) {
        runAsCurrentTenant(template -> template.deleteAllById(type, ids));
    }

    @Override
    public void deleteAll(Iterable<?> entities) {
        runAsCurrentTenant(template -> template.deleteAll(entities));
    }
}
