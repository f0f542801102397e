package dev.lithair.store;

/** When appended records are forced to stable storage. */
public enum FsyncPolicy {
    /** Every commit is forced before it is acknowledged: an acknowledged commit survives power loss. */
    ALWAYS,
    /** Commits are acknowledged once written; the log is forced at most every configured interval. */
    BATCH,
    /** The log is never forced by Lithair; the operating system writes it back when it likes. */
    NEVER
}
