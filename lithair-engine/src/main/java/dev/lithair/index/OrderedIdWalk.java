package dev.lithair.index;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ids of a sorted index, met one by one in the index's order, each with the key it was found
 * under: {@link #foundUnder} tells a reader whether the entity it then fetched still holds that key.
 *
 * <p>The walk is weakly consistent: an entity the writer moves meanwhile may be met at its old
 * place, at its new one, or at both. A reader that keeps only the entities whose current value is
 * the key they were met under gets the kept entities in exact index order, so consecutive pages of a
 * keyset scroll never return one entity twice under one key, and never skip an entity whose key
 * stayed put. Not thread-safe: one reader walks it.
 */
public final class OrderedIdWalk implements Iterator<String> {

    private final Iterator<SortedIndex.Entry> entries;
    private SortedIndex.Entry last;

    OrderedIdWalk(Iterator<SortedIndex.Entry> entries) {
        this.entries = entries;
    }

    @Override
    public boolean hasNext() {
        return entries.hasNext();
    }

    @Override
    public String next() {
        if (!entries.hasNext()) {
            throw new NoSuchElementException();
        }
        last = entries.next();
        return last.id();
    }

    /**
     * Whether {@code value} (an entity's field value, as read now) is the key the id last returned by
     * {@link #next} was found under; numbers compare by value, as the index stores them.
     *
     * @param value the entity's field value, read after {@link #next}
     * @return whether the entity still holds the key it was met under
     */
    public boolean foundUnder(Object value) {
        if (last == null) {
            throw new IllegalStateException("call next() first");
        }
        return IndexKey.ORDER.compare(IndexKey.of(value), last.key()) == 0;
    }
}
