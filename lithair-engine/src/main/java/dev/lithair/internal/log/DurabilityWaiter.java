package dev.lithair.internal.log;

/** Told when the writes it waits for are durable under the log's policy, or will never be. */
public interface DurabilityWaiter {

    void durable();

    void failed(Throwable cause);
}
