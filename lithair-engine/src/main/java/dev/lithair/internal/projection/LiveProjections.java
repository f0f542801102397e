package dev.lithair.internal.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.EventEnvelope;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import dev.lithair.projection.Projection;
import dev.lithair.projection.Projections;

/**
 * The projections of one store, kept up to date as an {@link AppliedEventListener}: the store
 * creates it before its state and registers it among the listeners, so that snapshot restores and
 * every applied event (replayed or new) reach it. Applications read it through {@link Projections}.
 *
 * <p>Concurrency: {@link #applied} and {@link #restored} are called by one thread at a time (recovery,
 * then the writer), in event order; reads come from any thread, without locks, from one
 * {@link ConcurrentHashMap} per projection.
 */
public final class LiveProjections implements Projections, AppliedEventListener {

    private static final Logger log = LoggerFactory.getLogger(LiveProjections.class);

    private final Map<String, Maintained<?, ?, ?>> byName;
    private final Map<String, List<Maintained<?, ?, ?>>> byEntityType;

    /**
     * @param types       the store's entity types, each projection's type must be among them
     * @param definitions the projections, with distinct names
     * @throws IllegalArgumentException when two share a name or one is over a type the store does not know
     */
    public LiveProjections(EntityTypes types, Collection<? extends Projection<?, ?, ?>> definitions) {
        Map<String, Maintained<?, ?, ?>> named = new LinkedHashMap<>();
        Map<String, List<Maintained<?, ?, ?>>> byType = new HashMap<>();
        for (Projection<?, ?, ?> definition : definitions) {
            Objects.requireNonNull(definition, "projection");
            EntityCodec<?> codec = types.codec(definition.entityType());
            if (codec == null) {
                throw new IllegalArgumentException("projection " + definition.name() + " is over "
                        + definition.entityType().getName() + ", which is not an entity type of this store: "
                        + "open the store with its EntityModel too");
            }
            Maintained<?, ?, ?> maintained = maintain(definition);
            if (named.putIfAbsent(definition.name(), maintained) != null) {
                throw new IllegalArgumentException("two projections are named " + definition.name()
                        + ": give one of them another name");
            }
            byType.computeIfAbsent(codec.typeName(), name -> new ArrayList<>()).add(maintained);
        }
        this.byName = Collections.unmodifiableMap(named);
        byType.replaceAll((type, list) -> List.copyOf(list));
        this.byEntityType = byType;
    }

    private static <T, K, A> Maintained<T, K, A> maintain(Projection<T, K, A> definition) {
        return new Maintained<>(definition);
    }

    @Override
    public void applied(EventEnvelope event, Object before, Object after) {
        List<Maintained<?, ?, ?>> affected = byEntityType.get(event.entityType());
        if (affected != null) {
            for (Maintained<?, ?, ?> projection : affected) {
                projection.change(before, after, event.entityType(), event.entityId(), event.sequence());
            }
        }
    }

    @Override
    public void restored(String entityType, String entityId, Object entity) {
        List<Maintained<?, ?, ?>> affected = byEntityType.get(entityType);
        if (affected != null) {
            for (Maintained<?, ?, ?> projection : affected) {
                projection.change(null, entity, entityType, entityId, 0);
            }
        }
    }

    /** Takes every live entity out of the aggregates, as deleting it would. */
    @Override
    public void cleared(Map<String, ? extends Map<String, Object>> live) {
        live.forEach((entityType, entities) -> {
            List<Maintained<?, ?, ?>> affected = byEntityType.get(entityType);
            if (affected != null) {
                for (Maintained<?, ?, ?> projection : affected) {
                    entities.forEach((entityId, entity) -> projection.change(entity, null, entityType, entityId, 0));
                }
            }
        });
    }

    @Override
    public <K, A> A get(Projection<?, K, A> projection, K key) {
        Maintained<?, K, A> maintained = lookUp(projection);
        A aggregate = key == null ? null : maintained.readable().get(key);
        return aggregate == null ? projection.empty() : aggregate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Optional<A> find(String name, Object key) {
        Maintained<?, ?, ?> maintained = lookUp(name);
        return key == null ? Optional.empty() : Optional.ofNullable((A) maintained.readable().get(key));
    }

    @Override
    public <K, A> Map<K, A> all(Projection<?, K, A> projection) {
        return lookUp(projection).view;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, A> Map<K, A> all(String name) {
        Maintained<?, ?, ?> maintained = lookUp(name);
        maintained.readable();
        return (Map<K, A>) maintained.view;
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    private Maintained<?, ?, ?> lookUp(String name) {
        Maintained<?, ?, ?> maintained = byName.get(name);
        if (maintained == null) {
            throw new IllegalArgumentException("no projection named " + name + "; this store maintains " + byName.keySet());
        }
        return maintained;
    }

    @SuppressWarnings("unchecked")
    private <K, A> Maintained<?, K, A> lookUp(Projection<?, K, A> projection) {
        Maintained<?, ?, ?> maintained = lookUp(projection.name());
        if (maintained.definition.entityType() != projection.entityType()) {
            throw new IllegalArgumentException(projection + " is not the projection of that name this store maintains ("
                    + maintained.definition + ")");
        }
        Maintained<?, K, A> typed = (Maintained<?, K, A>) maintained;
        typed.readable();
        return typed;
    }

    /** One projection's aggregates, changed by the writer thread only. */
    private static final class Maintained<T, K, A> {

        final Projection<T, K, A> definition;
        final ConcurrentHashMap<K, A> aggregates = new ConcurrentHashMap<>();
        final Map<K, A> view = Collections.unmodifiableMap(aggregates);
        volatile IllegalStateException failure;

        Maintained(Projection<T, K, A> definition) {
            this.definition = definition;
        }

        /** The aggregates, or the failure that stopped the projection. */
        Map<K, A> readable() {
            IllegalStateException failed = failure;
            if (failed != null) {
                throw new IllegalStateException(failed.getMessage(), failed.getCause());
            }
            return aggregates;
        }

        /** Follows one entity from {@code before} to {@code after} (either {@code null}). */
        void change(Object before, Object after, String entityType, String entityId, long sequence) {
            if (failure != null) {
                return;
            }
            try {
                T old = definition.entityType().cast(before);
                T now = definition.entityType().cast(after);
                K oldKey = old == null ? null : definition.keyOf(old);
                K newKey = now == null ? null : definition.keyOf(now);
                if (oldKey != null && oldKey.equals(newKey)) {
                    publish(oldKey, definition.add(definition.remove(current(oldKey), old), now));
                    return;
                }
                if (oldKey != null) {
                    publish(oldKey, definition.remove(current(oldKey), old));
                }
                if (newKey != null) {
                    publish(newKey, definition.add(current(newKey), now));
                }
            } catch (RuntimeException e) {
                String where = sequence == 0 ? "while restoring the snapshot" : "at sequence " + sequence;
                failure = new IllegalStateException("projection " + definition.name() + " stopped " + where + " ("
                        + entityType + " " + entityId + "): " + e + "; it is rebuilt on the next start", e);
                aggregates.clear();
                log.error("{}", failure.getMessage(), e);
            }
        }

        private A current(K key) {
            A aggregate = aggregates.get(key);
            return aggregate == null ? definition.empty() : aggregate;
        }

        private void publish(K key, A aggregate) {
            if (aggregate == null) {
                throw new NullPointerException("the aggregate function returned null for key " + key);
            }
            if (definition.isEmpty(aggregate)) {
                aggregates.remove(key);
            } else {
                aggregates.put(key, aggregate);
            }
        }
    }
}
