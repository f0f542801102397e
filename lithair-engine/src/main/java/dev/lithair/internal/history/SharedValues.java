package dev.lithair.internal.history;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each of a few distinct immutable values the engine decodes again and again (the
 * actor of every event read back from the log, the instants of a snapshot's history), so that what
 * is retained holds one copy. Bounded: past {@code capacity} distinct values, a new one is returned
 * as it is. Only for engine-made values of immutable classes compared by value ({@code String},
 * {@code Instant}), so handing out an equal instance changes nothing a caller can see. Not
 * thread-safe: used by the store's one applying thread.
 */
final class SharedValues<T> {

    private final int capacity;
    private final Map<T, T> shared = new HashMap<>();

    SharedValues(int capacity) {
        this.capacity = capacity;
    }

    /** The shared instance equal to {@code value}, or {@code value} itself ({@code null} stays {@code null}). */
    T canonical(T value) {
        if (value == null) {
            return null;
        }
        T known = shared.get(value);
        if (known != null) {
            return known;
        }
        if (shared.size() < capacity) {
            shared.put(value, value);
        }
        return value;
    }
}
