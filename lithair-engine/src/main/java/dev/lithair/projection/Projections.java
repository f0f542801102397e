package dev.lithair.projection;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the projections a store maintains (see {@link Projection}). Every read is a hash lookup, never
 * a scan, and never blocks: the single writer publishes each aggregate as a new immutable value.
 *
 * <p>A reader sees each key's aggregate as of some applied event; a commit that changes several keys
 * (an order moved from one user to another) becomes visible key by key, like the commit's entities.
 * As with entities, a commit is visible to readers up to one log force before its caller returns.
 *
 * <p>Thread-safe. Asking for a projection the store was not opened with throws
 * {@link IllegalArgumentException}; reading a projection whose function failed throws
 * {@link IllegalStateException} with the failure as its cause.
 */
public interface Projections {

    /**
     * The aggregate of {@code key}, or the projection's {@link Projection#empty() empty} value when no live entity has it.
     *
     * @param projection a declared projection
     * @param key        the key
     * @param <K>        the key type
     * @param <A>        the aggregate type
     * @return the aggregate
     */
    <K, A> A get(Projection<?, K, A> projection, K key);

    /**
     * The aggregate of {@code key} in the projection named {@code name}; empty when no live entity has the key.
     *
     * @param name the projection's name
     * @param key  the key
     * @param <A>  the aggregate type
     * @return the aggregate, or empty
     */
    <A> Optional<A> find(String name, Object key);

    /**
     * Every key with a non-empty aggregate: a live, read-only view, iterated without locks (weakly consistent).
     *
     * @param projection a declared projection
     * @param <K>        the key type
     * @param <A>        the aggregate type
     * @return the aggregates by key
     */
    <K, A> Map<K, A> all(Projection<?, K, A> projection);

    /**
     * {@link #all(Projection)} by name; the caller states the key and aggregate types.
     *
     * @param name the projection's name
     * @param <K>  the key type
     * @param <A>  the aggregate type
     * @return the aggregates by key
     */
    <K, A> Map<K, A> all(String name);

    /**
     * The names of the projections maintained, in declaration order.
     *
     * @return the names
     */
    Set<String> names();
}
