package dev.lithair.lifecycle;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each of a few distinct strings the engine decodes again and again (the actor of
 * every event read back from the log or a snapshot is a new string), so that what is retained holds
 * one copy. Bounded: past {@code capacity} distinct strings, a new one is returned as it is. Strings
 * are immutable and compared by value, so handing out an equal instance changes nothing a caller can
 * see. Not thread-safe: used by the store's one applying thread.
 */
final class SharedStrings {

    private final int capacity;
    private final Map<String, String> shared = new HashMap<>();

    SharedStrings(int capacity) {
        this.capacity = capacity;
    }

    /** The shared instance equal to {@code text}, or {@code text} itself ({@code null} stays {@code null}). */
    String canonical(String text) {
        if (text == null) {
            return null;
        }
        String known = shared.get(text);
        if (known != null) {
            return known;
        }
        if (shared.size() < capacity) {
            shared.put(text, text);
        }
        return text;
    }
}
