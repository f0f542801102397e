package dev.lithair.index;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ids one key of a hash index holds, in ascending order: sorted leaves of at most {@value #LEAF}
 * ids, each an immutable array that a change replaces whole. An id costs about 5 bytes here, against 36
 * in a {@code ConcurrentSkipListSet} (a node, and half an index node on average), and adding ids in
 * order (as a snapshot restores them) appends to the last leaf.
 *
 * <p>One thread changes it (the store's writer); any thread reads it without locks. A leaf is published
 * through its final field, so a reader that sees it sees its ids; the array of leaves is replaced whole
 * when a leaf is split, dropped or merged, and otherwise has one slot replaced. Iteration is weakly
 * consistent, as a concurrent set's: always ascending, it may or may not show changes made meanwhile.
 * Adding and removing cost a binary search and the copy of one leaf.
 */
final class IdSet extends AbstractSet<String> {

    /** The most ids a leaf holds. */
    static final int LEAF = 64;

    /** An immutable, non-empty, sorted run of ids. */
    private record Leaf(String[] ids) {
    }

    private static final Leaf[] NONE = new Leaf[0];

    /** In id order, every id of a leaf below every id of the next. */
    private volatile Leaf[] leaves = NONE;
    private volatile int size;

    /**
     * Adds an id; on the writing thread only.
     *
     * @return whether it was absent
     */
    @Override
    public boolean add(String id) {
        Leaf[] all = leaves;
        if (all.length == 0) {
            leaves = new Leaf[] {new Leaf(new String[] {id})};
            size = 1;
            return true;
        }
        int l = leafFor(all, id);
        String[] ids = all[l].ids();
        int found = Arrays.binarySearch(ids, id);
        if (found >= 0) {
            return false;
        }
        int at = -found - 1;
        if (ids.length < LEAF) {
            all[l] = new Leaf(inserted(ids, at, id));
        } else if (l == all.length - 1 && at == ids.length) {
            // Past the last id: a new leaf, so that ids added in order fill their leaves (a snapshot's restore).
            leaves = withLeaf(all, l + 1, new Leaf(new String[] {id}));
        } else {
            String[] grown = inserted(ids, at, id);
            int half = grown.length / 2;
            Leaf[] split = withLeaf(all, l + 1, new Leaf(Arrays.copyOfRange(grown, half, grown.length)));
            split[l] = new Leaf(Arrays.copyOf(grown, half));
            leaves = split;
        }
        size = size + 1;
        return true;
    }

    /**
     * Removes an id; on the writing thread only. A leaf left with few ids is merged with a neighbour
     * when both fit in one, so that removals do not leave the set made of near-empty leaves.
     *
     * @return whether it was present
     */
    @Override
    public boolean remove(Object o) {
        if (!(o instanceof String id)) {
            return false;
        }
        Leaf[] all = leaves;
        if (all.length == 0) {
            return false;
        }
        int l = leafFor(all, id);
        String[] ids = all[l].ids();
        int at = Arrays.binarySearch(ids, id);
        if (at < 0) {
            return false;
        }
        if (ids.length == 1) {
            leaves = withoutLeaf(all, l);
        } else {
            String[] shrunk = new String[ids.length - 1];
            System.arraycopy(ids, 0, shrunk, 0, at);
            System.arraycopy(ids, at + 1, shrunk, at, shrunk.length - at);
            if (shrunk.length < LEAF / 4 && l + 1 < all.length && shrunk.length + all[l + 1].ids().length <= LEAF) {
                leaves = merged(all, l, shrunk, all[l + 1].ids());
            } else if (shrunk.length < LEAF / 4 && l > 0 && all[l - 1].ids().length + shrunk.length <= LEAF) {
                leaves = merged(all, l - 1, all[l - 1].ids(), shrunk);
            } else {
                all[l] = new Leaf(shrunk);
            }
        }
        size = size - 1;
        return true;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String id)) {
            return false;
        }
        Leaf[] all = leaves;
        return all.length > 0 && Arrays.binarySearch(all[leafFor(all, id)].ids(), id) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<String> iterator() {
        Leaf[] all = leaves;
        return new Iterator<>() {
            private int leaf;
            private String[] ids = all.length == 0 ? new String[0] : all[0].ids();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == ids.length && leaf + 1 < all.length) {
                    ids = all[++leaf].ids();
                    next = 0;
                }
                return next < ids.length;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ids[next++];
            }
        };
    }

    /** The leaf an id belongs in: the last whose first id is not above it, or the first leaf. */
    private static int leafFor(Leaf[] all, String id) {
        int low = 0;
        int high = all.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (all[middle].ids()[0].compareTo(id) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private static String[] inserted(String[] ids, int at, String id) {
        String[] grown = new String[ids.length + 1];
        System.arraycopy(ids, 0, grown, 0, at);
        grown[at] = id;
        System.arraycopy(ids, at, grown, at + 1, ids.length - at);
        return grown;
    }

    private static Leaf[] withLeaf(Leaf[] all, int at, Leaf leaf) {
        Leaf[] grown = new Leaf[all.length + 1];
        System.arraycopy(all, 0, grown, 0, at);
        grown[at] = leaf;
        System.arraycopy(all, at, grown, at + 1, all.length - at);
        return grown;
    }

    private static Leaf[] withoutLeaf(Leaf[] all, int at) {
        Leaf[] shrunk = new Leaf[all.length - 1];
        System.arraycopy(all, 0, shrunk, 0, at);
        System.arraycopy(all, at + 1, shrunk, at, shrunk.length - at);
        return shrunk;
    }

    /** The leaves with {@code at} and the one after it replaced by one leaf of {@code first} then {@code second}. */
    private static Leaf[] merged(Leaf[] all, int at, String[] first, String[] second) {
        String[] ids = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, ids, first.length, second.length);
        Leaf[] shrunk = withoutLeaf(all, at + 1);
        shrunk[at] = new Leaf(ids);
        return shrunk;
    }
}
