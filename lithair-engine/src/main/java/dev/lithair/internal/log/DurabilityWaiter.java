package dev.lithair.internal.log;

/** Notified when the writes it waits for are durable under the log's force mode, or will never be. */
public interface DurabilityWaiter {

    void durable();

    void failed(Throwable cause);
}
