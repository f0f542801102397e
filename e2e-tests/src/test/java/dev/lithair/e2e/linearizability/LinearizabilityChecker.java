package dev.lithair.e2e.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a history of reads and writes on registers is linearizable: whether there is one order
 * of all operations, consistent with real time (an operation that completed before another was invoked
 * comes first), in which every read returns the value of the latest write before it.
 *
 * <p>Each key is checked on its own, which is sound because linearizability is compositional. Per key it
 * is the Wing &amp; Gong search with Lowe's memoisation (as in Knossos and Porcupine): walk the invocations and
 * completions in time order, try to linearize each pending operation, backtrack when a completion is
 * reached for an operation that could not be placed, and never revisit a (set of linearized operations,
 * register value) pair. A write whose outcome is unknown completes at infinity: it may take effect at any
 * point after its invocation, or never.
 *
 * <p>The search is exponential in the worst case; past a budget of steps per key, the key is reported
 * undecided, which does not count as linearizable. Not thread-safe; use one instance per check.
 */
public final class LinearizabilityChecker {

    private static final long DEFAULT_STEP_BUDGET = 5_000_000;

    private final long stepBudget;

    public LinearizabilityChecker() {
        this(DEFAULT_STEP_BUDGET);
    }

    public LinearizabilityChecker(long stepBudget) {
        this.stepBudget = stepBudget;
    }

    public CheckResult check(List<Operation> history) {
        Map<String, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation operation : history) {
            byKey.computeIfAbsent(operation.key(), key -> new ArrayList<>()).add(operation);
        }
        List<String> violations = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        byKey.forEach((key, operations) -> {
            KeySearch search = new KeySearch(operations, stepBudget);
            switch (search.run()) {
                case LINEARIZABLE:
                    break;
                case VIOLATION:
                    violations.add("key " + key + ": " + search.explanation());
                    break;
                case UNDECIDED:
                    undecided.add(key);
                    break;
                default:
                    throw new IllegalStateException();
            }
        });
        return new CheckResult(violations, undecided, byKey.size(), history.size());
    }

    /**
     * The outcome of a check.
     *
     * @param violations   one explanation per key that has no linearization
     * @param undecidedKeys keys the search gave up on within its budget
     */
    public record CheckResult(List<String> violations, List<String> undecidedKeys, int keys, int operations) {

        public boolean isLinearizable() {
            return violations.isEmpty() && undecidedKeys.isEmpty();
        }

        @Override
        public String toString() {
            return operations + " operations on " + keys + " keys: "
                    + (isLinearizable() ? "linearizable" : "violations " + violations + ", undecided " + undecidedKeys);
        }
    }

    private enum Verdict { LINEARIZABLE, VIOLATION, UNDECIDED }

    /** An invocation or a completion of one operation, in a doubly linked list in time order. */
    private static final class Event {
        final Operation operation;
        final int index;
        final boolean invocation;
        Event match;
        Event previous;
        Event next;

        Event(Operation operation, int index, boolean invocation) {
            this.operation = operation;
            this.index = index;
            this.invocation = invocation;
        }

        long time() {
            return invocation ? operation.invokedAt() : operation.completedAt();
        }
    }

    private record Frame(Event invocation, String valueBefore) {
    }

    private record Configuration(BitSet linearized, String value) {
    }

    /** The search over one key's operations; the register starts absent ({@code null}). */
    private static final class KeySearch {
        private final Event head = new Event(null, -1, true);
        private final long stepBudget;
        private Operation stuckAt;
        private int mostLinearized;
        private final List<Operation> longestPrefix = new ArrayList<>();

        KeySearch(List<Operation> operations, long stepBudget) {
            this.stepBudget = stepBudget;
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < operations.size(); i++) {
                Event invocation = new Event(operations.get(i), i, true);
                Event completion = new Event(operations.get(i), i, false);
                invocation.match = completion;
                completion.match = invocation;
                events.add(invocation);
                events.add(completion);
            }
            // On equal times, invocations first: the operations then overlap, the permissive reading.
            events.sort(Comparator.comparingLong(Event::time).thenComparing(event -> !event.invocation));
            Event last = head;
            for (Event event : events) {
                last.next = event;
                event.previous = last;
                last = event;
            }
        }

        Verdict run() {
            BitSet linearized = new BitSet();
            String value = null;
            Deque<Frame> stack = new ArrayDeque<>();
            Set<Configuration> seen = new HashSet<>();
            Event event = head.next;
            long steps = 0;
            while (head.next != null) {
                if (++steps > stepBudget) {
                    return Verdict.UNDECIDED;
                }
                if (event.invocation) {
                    Operation operation = event.operation;
                    boolean applies = operation.kind() == Operation.Kind.WRITE || Objects.equals(operation.value(), value);
                    String after = operation.kind() == Operation.Kind.WRITE ? operation.value() : value;
                    if (applies) {
                        BitSet next = (BitSet) linearized.clone();
                        next.set(event.index);
                        if (seen.add(new Configuration(next, after))) {
                            stack.push(new Frame(event, value));
                            linearized = next;
                            value = after;
                            remember(stack);
                            lift(event);
                            event = head.next;
                            continue;
                        }
                    }
                    event = event.next;
                } else {
                    // The completion of an operation not yet placed: every order so far fails. Backtrack.
                    if (stack.size() >= mostLinearized) {
                        stuckAt = event.operation;
                    }
                    if (stack.isEmpty()) {
                        return Verdict.VIOLATION;
                    }
                    Frame frame = stack.pop();
                    value = frame.valueBefore();
                    linearized = (BitSet) linearized.clone();
                    linearized.clear(frame.invocation().index);
                    unlift(frame.invocation());
                    event = frame.invocation().next;
                }
            }
            return Verdict.LINEARIZABLE;
        }

        String explanation() {
            return "no order of the operations fits; the longest order found (" + longestPrefix.size()
                    + " operations) ends with " + tail(longestPrefix) + ", then cannot place " + stuckAt;
        }

        /** Keeps the deepest linearization reached, to explain a violation. */
        private void remember(Deque<Frame> stack) {
            if (stack.size() > mostLinearized) {
                mostLinearized = stack.size();
                longestPrefix.clear();
                stack.descendingIterator().forEachRemaining(frame -> longestPrefix.add(frame.invocation().operation));
            }
        }

        private static List<Operation> tail(List<Operation> operations) {
            return operations.subList(Math.max(0, operations.size() - 3), operations.size());
        }

        /** Takes an operation (its invocation and completion) out of the list: it is linearized. */
        private static void lift(Event invocation) {
            unlink(invocation);
            unlink(invocation.match);
        }

        private static void unlink(Event event) {
            event.previous.next = event.next;
            if (event.next != null) {
                event.next.previous = event.previous;
            }
        }

        /** Undoes {@link #lift}, in reverse order, so the neighbours' links are the ones it saw. */
        private static void unlift(Event invocation) {
            relink(invocation.match);
            relink(invocation);
        }

        private static void relink(Event event) {
            event.previous.next = event;
            if (event.next != null) {
                event.next.previous = event;
            }
        }
    }
}
