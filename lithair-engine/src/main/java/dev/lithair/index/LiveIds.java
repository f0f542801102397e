package dev.lithair.index;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A read-only view of the ids an index holds for one key, resolved afresh on every access, so it
 * follows later commits even when the key's set is dropped and created again. Obtaining it and its
 * {@link #size()} cost O(1); iteration is weakly consistent (never throws
 * {@link java.util.ConcurrentModificationException}, may or may not show concurrent changes).
 */
final class LiveIds extends AbstractSet<String> {

    private final Supplier<Set<String>> current;

    LiveIds(Supplier<Set<String>> current) {
        this.current = current;
    }

    @Override
    public Iterator<String> iterator() {
        return Collections.unmodifiableSet(current.get()).iterator();
    }

    @Override
    public int size() {
        return current.get().size();
    }

    @Override
    public boolean isEmpty() {
        return current.get().isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return current.get().contains(o);
    }
}
