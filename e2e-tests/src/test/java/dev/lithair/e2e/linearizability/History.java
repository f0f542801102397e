package dev.lithair.e2e.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records what concurrent clients did, for {@link LinearizabilityChecker}. Thread-safe: each client
 * thread calls {@link #invoke} before sending a request and completes the returned {@link Pending} once
 * with what it learned.
 */
public final class History {

    private final LongSupplier clock;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();

    public History() {
        this(System::nanoTime);
    }

    History(LongSupplier clock) {
        this.clock = clock;
    }

    public Pending invokeWrite(String process, String key, String value) {
        return new Pending(ids.incrementAndGet(), process, key, Operation.Kind.WRITE, value, clock.getAsLong());
    }

    public Pending invokeRead(String process, String key) {
        return new Pending(ids.incrementAndGet(), process, key, Operation.Kind.READ, null, clock.getAsLong());
    }

    /** The completed operations, in invocation order. */
    public List<Operation> operations() {
        List<Operation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingLong(Operation::invokedAt).thenComparingLong(Operation::id));
        return sorted;
    }

    /** An operation sent and not yet answered. Complete it exactly once. */
    public final class Pending {
        private final long id;
        private final String process;
        private final String key;
        private final Operation.Kind kind;
        private final String written;
        private final long invokedAt;
        private boolean completed;

        private Pending(long id, String process, String key, Operation.Kind kind, String written, long invokedAt) {
            this.id = id;
            this.process = process;
            this.key = key;
            this.kind = kind;
            this.written = written;
            this.invokedAt = invokedAt;
        }

        /** The write was acknowledged. */
        public void written() {
            requireKind(Operation.Kind.WRITE);
            complete(new Operation(id, process, key, kind, written, invokedAt, clock.getAsLong()));
        }

        /** The read answered {@code value} ({@code null}: absent). */
        public void read(String value) {
            requireKind(Operation.Kind.READ);
            complete(new Operation(id, process, key, kind, value, invokedAt, clock.getAsLong()));
        }

        /**
         * No usable answer (timeout, connection lost, server error): a write may still take effect, at any
         * later time; a read observed nothing and is left out.
         */
        public void unknown() {
            if (kind == Operation.Kind.WRITE) {
                complete(new Operation(id, process, key, kind, written, invokedAt, Operation.NEVER));
            } else {
                complete(null);
            }
        }

        /** Definitely not applied (rejected before it could take effect): left out. */
        public void failed() {
            complete(null);
        }

        private void requireKind(Operation.Kind expected) {
            if (kind != expected) {
                throw new IllegalStateException("operation " + id + " is a " + kind + ", not a " + expected);
            }
        }

        private void complete(Operation operation) {
            if (completed) {
                throw new IllegalStateException("operation " + id + " completed twice");
            }
            completed = true;
            if (operation != null) {
                operations.add(operation);
            }
        }
    }
}
