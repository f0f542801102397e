package dev.lithair.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The id set of a hash-index key must hold exactly what a sorted set would, through splits and merges
 * of its leaves, and readers must always see ids in ascending order while the writer changes it.
 */
class IdSetTest {

    private static String id(int n) {
        return String.format("id-%06d", n);
    }

    @Test
    void randomAddsAndRemovesLeaveExactlyWhatASortedSetHolds() {
        Random random = new Random(7);
        IdSet set = new IdSet();
        TreeSet<String> expected = new TreeSet<>();
        for (int step = 0; step < 200_000; step++) {
            String id = id(random.nextInt(5_000));
            // More adds than removes first, then the other way round, so leaves split and then merge.
            boolean add = random.nextInt(100) < (step < 100_000 ? 70 : 30);
            if (add) {
                assertThat(set.add(id)).isEqualTo(expected.add(id));
            } else {
                assertThat(set.remove(id)).isEqualTo(expected.remove(id));
            }
            if (step % 10_000 == 0) {
                assertThat(set).containsExactlyElementsOf(expected);
            }
        }
        assertThat(set).containsExactlyElementsOf(expected);
        assertThat(set.size()).isEqualTo(expected.size());
        for (int n = 0; n < 5_000; n++) {
            assertThat(set.contains(id(n))).isEqualTo(expected.contains(id(n)));
        }
        new ArrayList<>(expected).forEach(set::remove);
        assertThat(set).isEmpty();
        assertThat(set.iterator().hasNext()).isFalse();
    }

    @Test
    void idsAddedInOrderFillTheirLeavesAndIdsAddedBeforeTheFirstGoFirst() {
        IdSet set = new IdSet();
        for (int n = 1_000; n < 11_000; n++) {
            set.add(id(n));
        }
        for (int n = 999; n >= 0; n--) {
            set.add(id(n));
        }
        List<String> all = new ArrayList<>(set);
        assertThat(all).hasSize(11_000).isSorted();
        assertThat(all.get(0)).isEqualTo(id(0));
        assertThat(set.contains(id(10_999))).isTrue();
        assertThat(set.contains(id(11_000))).isFalse();
        assertThat(set.contains(42)).isFalse();
        assertThat(set.remove(42)).isFalse();
    }

    @Test
    void idsAppendedPastTheLastWhileTheTailIsRemovedLeaveExactlyWhatASortedSetHolds() {
        Random random = new Random(3);
        IdSet set = new IdSet();
        TreeSet<String> expected = new TreeSet<>();
        List<List<String>> views = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            if (random.nextInt(100) < 80 || expected.isEmpty()) {
                String id = id(next++);
                assertThat(set.add(id)).isTrue();
                expected.add(id);
            } else {
                // The newest ids, as a delete right after a create removes them.
                String id = random.nextBoolean() ? expected.last() : expected.lower(expected.last());
                id = id == null ? expected.last() : id;
                assertThat(set.remove(id)).isTrue();
                expected.remove(id);
            }
            if (step % 1_000 == 0) {
                // What an iteration saw stays what it saw while later ids fill the same leaf.
                views.forEach(view -> assertThat(view).isSorted());
                views.add(new ArrayList<>(set));
                assertThat(views.get(views.size() - 1)).containsExactlyElementsOf(expected);
            }
        }
        assertThat(set).containsExactlyElementsOf(expected);
        assertThat(set.size()).isEqualTo(expected.size());
        for (int n = 0; n < next; n++) {
            assertThat(set.contains(id(n))).isEqualTo(expected.contains(id(n)));
        }
    }

    @Test
    void anIteratorStartedBeforeIdsAreAppendedToItsLeafShowsNoneOfThemHalfWritten() {
        IdSet set = new IdSet();
        for (int n = 0; n < 20; n++) {
            set.add(id(n));
        }
        java.util.Iterator<String> before = set.iterator();
        for (int n = 20; n < 40; n++) {
            set.add(id(n));
        }
        List<String> seen = new ArrayList<>();
        before.forEachRemaining(seen::add);
        assertThat(seen).hasSize(20).doesNotContainNull().last().isEqualTo(id(19));
        assertThat(set).hasSize(40).last().isEqualTo(id(39));
    }

    @Test
    void readersSeeAscendingIdsAndTheIdsNoOneRemovesWhileTheWriterChangesTheSet() throws InterruptedException {
        IdSet set = new IdSet();
        // Even ids stay for good; odd ones come and go.
        for (int n = 0; n < 20_000; n += 2) {
            set.add(id(n));
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && problem.get() == null) {
                String previous = null;
                int stable = 0;
                for (String id : set) {
                    if (previous != null && previous.compareTo(id) >= 0) {
                        problem.set(previous + " came before " + id);
                    }
                    previous = id;
                    stable += Integer.parseInt(id.substring(3)) % 2 == 0 ? 1 : 0;
                }
                if (stable != 10_000) {
                    problem.set("a pass saw " + stable + " of the 10000 ids never removed");
                }
                if (!set.contains(id(1_234))) {
                    problem.set("an id never removed was not found");
                }
            }
        });
        reader.start();
        Random random = new Random(11);
        for (int step = 0; step < 300_000; step++) {
            String odd = id(random.nextInt(10_000) * 2 + 1);
            if (random.nextBoolean()) {
                set.add(odd);
            } else {
                set.remove(odd);
            }
        }
        done.set(true);
        reader.join();
        assertThat(problem.get()).isNull();
    }
}
