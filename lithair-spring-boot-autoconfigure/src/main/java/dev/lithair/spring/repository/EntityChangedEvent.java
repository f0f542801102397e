package dev.lithair.spring.repository;

import java.time.Instant;
import java.util.Objects;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;

/**
 * One committed change of one entity, published as a Spring application event once the commit that
 * made it is durable: after a repository call returns, or after a {@code @Transactional} method's
 * batch commits (never for a rolled-back one). Published synchronously on the committing thread,
 * outside any Lithair transaction, in the order of the commit's events. Listen to the changes of
 * one type with {@code @EventListener void on(EntityChangedEvent<Product> change)}.
 *
 * @param kind           created, updated, deleted or erased
 * @param domainType     the entity's class
 * @param id             the entity's id, as the store keys it
 * @param entity         the entity after the change; for a deletion, its last state; for an erasure
 *                       {@code null}: nothing of an erased entity is kept, so a listener holding a copy
 *                       of it (a cache, a search index) must drop it
 * @param commitSequence the last sequence of the commit this change belongs to: the changes of one
 *                       atomic commit (one log record) share it
 * @param event          the stored event: sequence, timestamp, actor, payload
 * @param <T>            the entity type
 */
public record EntityChangedEvent<T>(EventType kind, Class<T> domainType, String id, T entity, long commitSequence,
        EventEnvelope event) implements ResolvableTypeProvider {

    /**
     * Checks that every part is given, the entity too unless the change is an erasure.
     *
     * @param kind           created, updated, deleted or erased
     * @param domainType     the entity's class
     * @param id             the entity's id, as the store keys it
     * @param entity         the entity after the change, {@code null} for an erasure
     * @param commitSequence the last sequence of the commit this change belongs to
     * @param event          the stored event
     */
    public EntityChangedEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(domainType, "domainType");
        Objects.requireNonNull(id, "id");
        if (entity == null && kind != EventType.ERASED) {
            throw new NullPointerException("entity");
        }
        Objects.requireNonNull(event, "event");
    }

    /** {@return the entity type's name in the store} */
    public String entityType() {
        return event.entityType();
    }

    /** {@return who made the change, or {@code null}} */
    public String actor() {
        return event.actor();
    }

    /** {@return when the store sequenced the change} */
    public Instant timestamp() {
        return event.timestamp();
    }

    /** {@return the change's position in the store's log} */
    public long sequence() {
        return event.sequence();
    }

    /** Built once per domain type: Spring asks for it on every published change. */
    private static final ClassValue<ResolvableType> TYPES = new ClassValue<>() {
        @Override
        protected ResolvableType computeValue(Class<?> domainType) {
            return ResolvableType.forClassWithGenerics(EntityChangedEvent.class, domainType);
        }
    };

    @Override
    public ResolvableType getResolvableType() {
        return TYPES.get(domainType);
    }
}
