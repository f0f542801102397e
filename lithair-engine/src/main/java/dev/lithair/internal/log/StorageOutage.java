package dev.lithair.internal.log;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.lithair.exception.StoreUnavailableException;

/**
 * A period during which the store cannot write its log (a write or force failed: a full disk, an I/O
 * error), with when to try again. The writer refuses commits while one lasts and tries to recover
 * (cut the log back to its last durable record, then write and force ahead of it) once a try is due:
 * the first soon after the failure, then less and less often, so that a disk that stays broken is
 * not hammered.
 *
 * <p>Thread-safe: the writer's threads and committers read it; one try runs at a time.
 */
public final class StorageOutage {

    static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Throwable cause;
    private final Instant since;
    private volatile Throwable lastTryFailure;
    private volatile long nextTryNanos;
    private volatile long retryNanos = FIRST_RETRY_NANOS;
    private volatile int tries;

    StorageOutage(Throwable cause, long nowNanos) {
        this.cause = cause;
        this.since = Instant.now();
        this.nextTryNanos = nowNanos + FIRST_RETRY_NANOS;
    }

    /** The failure that started the outage. */
    public Throwable cause() {
        return cause;
    }

    Instant since() {
        return since;
    }

    /** Whether a try to recover is due at {@code nowNanos} ({@link System#nanoTime()}). */
    boolean tryDue(long nowNanos) {
        return nowNanos - nextTryNanos >= 0;
    }

    /** A try failed with {@code failure}: the next one comes twice as late, up to {@link #MAX_RETRY_NANOS}. */
    void tryFailed(Throwable failure, long nowNanos) {
        lastTryFailure = failure;
        tries++;
        retryNanos = Math.min(retryNanos * 2, MAX_RETRY_NANOS);
        nextTryNanos = nowNanos + retryNanos;
    }

    int tries() {
        return tries;
    }

    /** What the caller of a refused commit receives. */
    public StoreUnavailableException refusal() {
        Throwable latest = lastTryFailure;
        return new StoreUnavailableException("the store cannot write to its data directory since " + since + " ("
                + describe(cause) + ")" + (latest == null ? "" : "; last retry: " + describe(latest))
                + ". Commits are refused until it can; it retries on its own at most every "
                + Duration.ofNanos(MAX_RETRY_NANOS).toSeconds() + " s", cause);
    }

    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
            message = (message == null ? "" : message + ": ") + root.getMessage();
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
