package dev.lithair.exception;

/**
 * The store cannot take the commit now: it cannot write its log (a full disk, an I/O error: it retries
 * on its own and accepts commits again once the disk takes writes), a cluster has no leader, or the
 * store is closed. A commit refused this way after it was accepted may be found, whole, after a crash;
 * retry it, with the same idempotency key where it matters.
 */
public class StoreUnavailableException extends IllegalStateException {

    /**
     * Refuses a commit the store cannot take now.
     *
     * @param message why, and what to do
     * @param cause   the failure behind it (the write's I/O error, for one), or {@code null}
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
