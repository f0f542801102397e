package dev.lithair.index;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ids one key of a hash index holds, in ascending order: sorted leaves of at most {@value #LEAF}
 * ids, each the first {@code count} slots of an array that no one changes once a reader may see them,
 * grouped in branches of at most {@value #BRANCH} leaves. An id costs about 5 bytes here, against 36
 * in a {@code ConcurrentSkipListSet} (a node, and half an index node on average).
 *
 * <p>One thread changes it (the store's writer); any thread reads it without locks. A leaf or a
 * branch is published through its final fields, so a reader that sees it sees what it holds. A change
 * within a leaf replaces the leaf in its branch's slot; adding or dropping a leaf replaces the branch in
 * its slot of the array of branches; only adding or dropping a branch replaces that array. So an add
 * or a remove copies at most one leaf, one branch and, rarely, the branches, whatever the set's size
 * (a single array of leaves made a million-id key copy 60 KB for every 32 ids added in the middle).
 * Iteration is weakly consistent, as a concurrent set's: always ascending, it may or may not show
 * changes made meanwhile. Adding past the last id (a restore adds every id so, new ids mostly come so)
 * fills the last leaf's spare slots: a slot no reader's leaf covers yet, then a new leaf object over the
 * same array.
 */
final class IdSet extends AbstractSet<String> {

    /** The most ids a leaf holds. */
    static final int LEAF = 64;

    /** The most leaves a branch holds. */
    static final int BRANCH = 64;

    /** Ids a last leaf holds before appending gives it room for {@value #LEAF}; smaller sets stay exact. */
    private static final int EXACT = 8;

    /** A leaf or a branch: found by its first id. */
    private sealed interface Run permits Leaf, Branch {
        String first();
    }

    /**
     * An immutable, non-empty, sorted run of ids: {@code ids[0..count)}; slots after it are not yet ids.
     * The first id is kept beside the array (in what would be padding) so that finding a leaf reads one
     * object less per comparison, and a lookup's time is mostly such reads.
     */
    private record Leaf(String first, String[] ids, int count) implements Run {

        Leaf(String[] ids) {
            this(ids[0], ids, ids.length);
        }

        Leaf(String[] ids, int count) {
            this(ids[0], ids, count);
        }

        int search(String id) {
            return Arrays.binarySearch(ids, 0, count, id);
        }

        String[] copy() {
            return Arrays.copyOf(ids, count);
        }
    }

    /**
     * A non-empty run of leaves, in id order; a leaf change replaces its slot, nothing else changes. Its
     * first id is its first leaf's when made: only an id added before every other one lowers the first
     * leaf's, and the first branch is found whatever its first id says.
     */
    private record Branch(String first, Leaf[] leaves) implements Run {

        Branch(Leaf[] leaves) {
            this(leaves[0].first(), leaves);
        }
    }

    private static final Branch[] NONE = new Branch[0];

    /** In id order, every id of a branch below every id of the next. */
    private volatile Branch[] branches = NONE;
    private volatile int size;

    /**
     * Adds an id; on the writing thread only.
     *
     * @return whether it was absent
     */
    @Override
    public boolean add(String id) {
        Branch[] root = branches;
        if (root.length == 0) {
            branches = new Branch[] {new Branch(new Leaf[] {new Leaf(new String[] {id})})};
            size = 1;
            return true;
        }
        // Ids mostly come in ascending order (new ids, a restore): the last branch and leaf first.
        int b = root[root.length - 1].first().compareTo(id) <= 0 ? root.length - 1 : branchFor(root, id);
        Leaf[] leaves = root[b].leaves();
        int l = leaves[leaves.length - 1].first().compareTo(id) <= 0 ? leaves.length - 1 : leafFor(leaves, id);
        Leaf leaf = leaves[l];
        int found = leaf.search(id);
        if (found >= 0) {
            return false;
        }
        int at = -found - 1;
        boolean last = b == root.length - 1 && l == leaves.length - 1 && at == leaf.count();
        if (last && leaf.count() < leaf.ids().length) {
            leaf.ids()[at] = id; // a slot past every published leaf's count
            leaves[l] = new Leaf(leaf.ids(), at + 1);
        } else if (last && leaf.count() < LEAF) {
            String[] grown = Arrays.copyOf(leaf.ids(), leaf.count() < EXACT ? leaf.count() + 1 : LEAF);
            grown[at] = id;
            leaves[l] = new Leaf(grown, at + 1);
        } else if (leaf.count() < LEAF) {
            leaves[l] = new Leaf(inserted(leaf.copy(), at, id));
        } else if (last) {
            // Past the last id: a new leaf, so that ids added in order fill their leaves.
            Leaf[] grown = Arrays.copyOf(leaves, leaves.length + 1);
            grown[leaves.length] = new Leaf(new String[] {id});
            replace(root, b, grown, true);
        } else {
            String[] grown = inserted(leaf.copy(), at, id);
            int half = grown.length / 2;
            Leaf[] split = with(leaves, l + 1, new Leaf(Arrays.copyOfRange(grown, half, grown.length)));
            split[l] = new Leaf(Arrays.copyOf(grown, half));
            replace(root, b, split, false);
        }
        size = size + 1;
        return true;
    }

    /**
     * Removes an id; on the writing thread only. A leaf left with few ids is merged with a neighbour
     * in its branch when both fit in one, and so is a branch left with few leaves, so that removals do
     * not leave the set made of near-empty leaves.
     *
     * @return whether it was present
     */
    @Override
    public boolean remove(Object o) {
        if (!(o instanceof String id)) {
            return false;
        }
        Branch[] root = branches;
        if (root.length == 0) {
            return false;
        }
        int b = branchFor(root, id);
        Leaf[] leaves = root[b].leaves();
        int l = leafFor(leaves, id);
        String[] ids = leaves[l].copy();
        int at = Arrays.binarySearch(ids, id);
        if (at < 0) {
            return false;
        }
        if (ids.length == 1 && leaves.length == 1) {
            branches = without(root, b);
        } else if (ids.length == 1) {
            replace(root, b, without(leaves, l), false);
        } else {
            String[] shrunk = new String[ids.length - 1];
            System.arraycopy(ids, 0, shrunk, 0, at);
            System.arraycopy(ids, at + 1, shrunk, at, shrunk.length - at);
            if (shrunk.length < LEAF / 4 && l + 1 < leaves.length && shrunk.length + leaves[l + 1].count() <= LEAF) {
                replace(root, b, merged(leaves, l, shrunk, leaves[l + 1].copy()), false);
            } else if (shrunk.length < LEAF / 4 && l > 0 && leaves[l - 1].count() + shrunk.length <= LEAF) {
                replace(root, b, merged(leaves, l - 1, leaves[l - 1].copy(), shrunk), false);
            } else {
                leaves[l] = new Leaf(shrunk);
            }
        }
        size = size - 1;
        return true;
    }

    /**
     * Puts a branch of {@code leaves} in place of branch {@code b}: split in two when it holds too many
     * (the new last leaf alone when {@code appended}, so that ids added in order fill their branches),
     * merged with a neighbour when it holds few and both fit in one.
     */
    private void replace(Branch[] root, int b, Leaf[] leaves, boolean appended) {
        if (leaves.length > BRANCH) {
            int half = appended ? leaves.length - 1 : leaves.length / 2;
            Branch[] split = with(root, b + 1, new Branch(Arrays.copyOfRange(leaves, half, leaves.length)));
            split[b] = new Branch(Arrays.copyOf(leaves, half));
            branches = split;
        } else if (leaves.length < BRANCH / 4 && b + 1 < root.length
                && leaves.length + root[b + 1].leaves().length <= BRANCH) {
            branches = merged(root, b, leaves, root[b + 1].leaves());
        } else if (leaves.length < BRANCH / 4 && b > 0 && root[b - 1].leaves().length + leaves.length <= BRANCH) {
            branches = merged(root, b - 1, root[b - 1].leaves(), leaves);
        } else {
            root[b] = new Branch(leaves);
        }
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String id)) {
            return false;
        }
        Branch[] root = branches;
        if (root.length == 0) {
            return false;
        }
        Leaf[] leaves = root[branchFor(root, id)].leaves();
        return leaves[leafFor(leaves, id)].search(id) >= 0;
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
        Branch[] root = branches;
        return new Iterator<>() {
            private int branch;
            private Leaf[] leaves = root.length == 0 ? null : root[0].leaves();
            private int leaf;
            private Leaf current = leaves == null ? null : leaves[0];
            private int next;

            @Override
            public boolean hasNext() {
                while (current != null && next == current.count()) {
                    if (leaf + 1 < leaves.length) {
                        current = leaves[++leaf];
                    } else if (branch + 1 < root.length) {
                        leaves = root[++branch].leaves();
                        leaf = 0;
                        current = leaves[0];
                    } else {
                        return false;
                    }
                    next = 0;
                }
                return current != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.ids()[next++];
            }
        };
    }

    /** The branch an id belongs in: the last whose first id is not above it, or the first branch. */
    private static int branchFor(Branch[] root, String id) {
        return lastNotAbove(root, id);
    }

    /** The leaf an id belongs in: the last whose first id is not above it, or the first leaf. */
    private static int leafFor(Leaf[] leaves, String id) {
        return lastNotAbove(leaves, id);
    }

    /** The last of sorted runs whose first id is not above {@code id}, or the first run. */
    private static int lastNotAbove(Run[] runs, String id) {
        int low = 0;
        int high = runs.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (runs[middle].first().compareTo(id) <= 0) {
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

    private static <E> E[] with(E[] all, int at, E element) {
        E[] grown = Arrays.copyOf(all, all.length + 1);
        System.arraycopy(all, at, grown, at + 1, all.length - at);
        grown[at] = element;
        return grown;
    }

    private static <E> E[] without(E[] all, int at) {
        E[] shrunk = Arrays.copyOf(all, all.length - 1);
        System.arraycopy(all, at + 1, shrunk, at, shrunk.length - at);
        return shrunk;
    }

    /** The leaves with {@code at} and the one after it replaced by one leaf of {@code first} then {@code second}. */
    private static Leaf[] merged(Leaf[] leaves, int at, String[] first, String[] second) {
        Leaf[] shrunk = without(leaves, at + 1);
        shrunk[at] = new Leaf(concatenated(first, second));
        return shrunk;
    }

    /** The branches with {@code at} and the one after it replaced by one branch of {@code first} then {@code second}. */
    private static Branch[] merged(Branch[] root, int at, Leaf[] first, Leaf[] second) {
        Branch[] shrunk = without(root, at + 1);
        shrunk[at] = new Branch(concatenated(first, second));
        return shrunk;
    }

    private static <E> E[] concatenated(E[] first, E[] second) {
        E[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
