package dev.lithair.internal.log;

/** When the {@link LogSyncer} forces written records to stable storage. */
public enum ForceMode {

    /** Before the writes' waiters are notified: a write is durable once it is acknowledged. */
    EVERY_WRITE,

    /** At most every interval; waiters are notified as soon as their records are written. */
    INTERVAL,

    /** Never; waiters are notified as soon as their records are written. */
    NEVER
}
