package dev.lithair.projection;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The declaration of an aggregate the store maintains per key from the live entities of one type,
 * for instance the number of orders and the amount spent per user:
 *
 * <pre>{@code
 * static final Projection<Order, String, OrderStats> ORDERS_BY_USER = Projection.of("ordersByUser",
 *         Order.class, Order::userId, OrderStats.EMPTY, OrderStats::plus, OrderStats::minus);
 *
 * LithairStore store = LithairStore.open(options, models, List.of(ORDERS_BY_USER));
 * OrderStats alice = store.projections().get(ORDERS_BY_USER, "alice");   // O(1)
 * }</pre>
 *
 * <p>The aggregate of a key is defined by the live entities with that key: starting from
 * {@code empty}, {@code add} each of them. The store never recomputes it that way; it follows each
 * applied event instead: a creation adds the new entity, a deletion removes the old one, an update
 * removes the old state and adds the new one (even when the key did not change, moving the entity
 * between keys when it did). So {@code remove} must undo {@code add}: {@code remove(add(a, e), e)}
 * equals {@code a}. Because the aggregate depends only on the live entities, it is rebuilt at start-up
 * from the snapshot's entities and the replayed log, and needs no room in snapshots.
 *
 * <p>Aggregates must be immutable values: {@code add} and {@code remove} return a new one and never
 * modify their arguments (neither the aggregate nor the entity, which is the store's own instance).
 * A key whose aggregate is empty again ({@link #emptyWhen}, by default equal to {@code empty}) is
 * dropped, so a key is present exactly when its aggregate is not empty. An entity whose key is
 * {@code null} belongs to no key.
 *
 * <p>The functions run on the store's single writer thread, in event order; they should be fast and
 * must not call the store. One that throws (or returns {@code null}) stops its projection, whose reads
 * then fail with the cause, until a restart rebuilds it; the store and other projections go on.
 *
 * <p>Immutable and thread-safe, if the functions are; one declaration may serve several stores.
 *
 * @param <T> the entity type
 * @param <K> the key type (with proper {@code equals} and {@code hashCode})
 * @param <A> the aggregate type, an immutable value
 */
public final class Projection<T, K, A> {

    private final String name;
    private final Class<T> entityType;
    private final Function<? super T, ? extends K> key;
    private final A empty;
    private final BiFunction<? super A, ? super T, ? extends A> add;
    private final BiFunction<? super A, ? super T, ? extends A> remove;
    private final Predicate<? super A> isEmpty;

    private Projection(String name, Class<T> entityType, Function<? super T, ? extends K> key, A empty,
            BiFunction<? super A, ? super T, ? extends A> add, BiFunction<? super A, ? super T, ? extends A> remove,
            Predicate<? super A> isEmpty) {
        this.name = name;
        this.entityType = entityType;
        this.key = key;
        this.empty = empty;
        this.add = add;
        this.remove = remove;
        this.isEmpty = isEmpty;
    }

    /**
     * Declares a projection.
     *
     * @param name       unique among the store's projections; used to read it by name
     * @param entityType a registered entity type of the store
     * @param key        the key an entity counts under; {@code null} for none
     * @param empty      the aggregate of no entity
     * @param add        the aggregate with one more entity
     * @param remove     the aggregate with one entity less; undoes {@code add}
     * @param <T>        the entity type
     * @param <K>        the key type
     * @param <A>        the aggregate type
     * @return the projection
     */
    public static <T, K, A> Projection<T, K, A> of(String name, Class<T> entityType,
            Function<? super T, ? extends K> key, A empty, BiFunction<? super A, ? super T, ? extends A> add,
            BiFunction<? super A, ? super T, ? extends A> remove) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a projection's name must not be blank");
        }
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(empty, "empty");
        Objects.requireNonNull(add, "add");
        Objects.requireNonNull(remove, "remove");
        return new Projection<>(name, entityType, key, empty, add, remove, empty::equals);
    }

    /**
     * Declares the number of live entities per key.
     *
     * @param name       unique among the store's projections
     * @param entityType a registered entity type of the store
     * @param key        the key an entity counts under; {@code null} for none
     * @param <T>        the entity type
     * @param <K>        the key type
     * @return the projection
     */
    public static <T, K> Projection<T, K, Long> counting(String name, Class<T> entityType,
            Function<? super T, ? extends K> key) {
        return of(name, entityType, key, 0L, (count, entity) -> count + 1, (count, entity) -> count - 1);
    }

    /**
     * The same projection, with another test for an aggregate that holds no entity (and whose key is
     * dropped); useful when equal aggregates are not {@code equals}, as {@code BigDecimal}s of
     * different scales.
     *
     * @param test whether an aggregate holds no entity
     * @return the new projection
     */
    public Projection<T, K, A> emptyWhen(Predicate<? super A> test) {
        return new Projection<>(name, entityType, key, empty, add, remove, Objects.requireNonNull(test, "test"));
    }

    /** {@return the projection's name, unique among the store's projections} */
    public String name() {
        return name;
    }

    /** {@return the entity type it aggregates} */
    public Class<T> entityType() {
        return entityType;
    }

    /**
     * The aggregate of a key no live entity has.
     *
     * @return the empty aggregate
     */
    public A empty() {
        return empty;
    }

    /**
     * The key {@code entity} counts under, {@code null} for none: applies the declared key function.
     *
     * @param entity an entity of the type
     * @return its key, or {@code null}
     */
    public K keyOf(T entity) {
        return key.apply(entity);
    }

    /**
     * The aggregate with {@code entity} added: applies the declared {@code add} function.
     *
     * @param aggregate the aggregate of a key
     * @param entity    an entity counted under that key
     * @return the new aggregate
     */
    public A add(A aggregate, T entity) {
        return add.apply(aggregate, entity);
    }

    /**
     * The aggregate with {@code entity} removed: applies the declared {@code remove} function.
     *
     * @param aggregate the aggregate of a key
     * @param entity    an entity counted under that key
     * @return the new aggregate
     */
    public A remove(A aggregate, T entity) {
        return remove.apply(aggregate, entity);
    }

    /**
     * Whether {@code aggregate} holds no entity, by the {@link #emptyWhen} test.
     *
     * @param aggregate an aggregate
     * @return whether it holds no entity
     */
    public boolean isEmpty(A aggregate) {
        return isEmpty.test(aggregate);
    }

    @Override
    public String toString() {
        return "Projection[" + name + " of " + entityType.getSimpleName() + "]";
    }
}
