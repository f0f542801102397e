package dev.lithair.e2e.linearizability;

/**
 * One client operation on a register, as the client saw it: when it was invoked, when its answer came
 * back, and what it wrote or read. A register is one key's value; {@code null} is "absent" (the initial
 * state, and what a read of a missing key returns).
 *
 * @param id          unique within a history
 * @param process     the client that called it (a client has one operation in flight at a time)
 * @param key         the register
 * @param kind        read or write
 * @param value       the value written, or the value the read returned
 * @param invokedAt   the client's clock (nanoseconds) before sending the request
 * @param completedAt the client's clock after the answer, or {@link #NEVER} when the outcome is unknown
 *                    (a timed-out write may still take effect at any later time)
 */
public record Operation(long id, String process, String key, Kind kind, String value, long invokedAt,
                        long completedAt) {

    public static final long NEVER = Long.MAX_VALUE;

    public enum Kind { READ, WRITE }

    public Operation {
        if (completedAt < invokedAt) {
            throw new IllegalArgumentException("operation " + id + " completes before it is invoked");
        }
        if (kind == Kind.READ && completedAt == NEVER) {
            throw new IllegalArgumentException("a read without an answer observed nothing: leave it out (" + id + ")");
        }
    }

    public static Operation write(long id, String process, String key, String value, long invokedAt, long completedAt) {
        return new Operation(id, process, key, Kind.WRITE, value, invokedAt, completedAt);
    }

    public static Operation read(long id, String process, String key, String value, long invokedAt, long completedAt) {
        return new Operation(id, process, key, Kind.READ, value, invokedAt, completedAt);
    }

    public boolean isIndeterminate() {
        return completedAt == NEVER;
    }

    @Override
    public String toString() {
        return "#" + id + " " + process + " " + kind.name().toLowerCase() + "(" + key + ")"
                + (kind == Kind.WRITE ? " := " : " -> ") + value
                + " [" + invokedAt + ", " + (isIndeterminate() ? "unknown" : String.valueOf(completedAt)) + "]";
    }
}
