package dev.lithair.log;

/** Told when the writes it waits for are durable under the log's policy, or will never be. */
public interface DurabilityWaiter {

    void durable();

    void failed(Throwable cause);

    /**
     * Told durable as one of the waiters of {@code batch}. A waiter whose own thread is parked
     * waiting (or about to park) may return {@code true}: it then promises that this thread calls
     * {@link DurableBatch#tellRest()} once it runs again, so the teller can leave the rest of the
     * batch to it. A waiter that cannot promise that (no thread of its own, or a thread that is busy
     * elsewhere) is told as by {@link #durable()} and returns {@code false}.
     */
    default boolean durable(DurableBatch batch) {
        durable();
        return false;
    }
}
