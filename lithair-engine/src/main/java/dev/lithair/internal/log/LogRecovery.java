package dev.lithair.internal.log;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and ends the writer's {@link StorageOutage}s. A try to end one runs with no force running and
 * under the writer's lock: it cuts the log back to its last durable record (what was written after it
 * belongs to commits already refused), then writes and forces ahead of it, which shows the disk takes
 * writes again; only then does the store accept commits.
 *
 * <p>Thread-safe: one try runs at a time; a thread that finds one running does not wait for it.
 */
public final class LogRecovery {

    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

    private final SegmentedLog segmentedLog;
    private final LogSyncer syncer;
    private final ReentrantLock writing;
    private final AtomicBoolean recovering = new AtomicBoolean();
    private volatile StorageOutage outage;

    public LogRecovery(SegmentedLog segmentedLog, LogSyncer syncer, ReentrantLock writing) {
        this.segmentedLog = segmentedLog;
        this.syncer = syncer;
        this.writing = writing;
    }

    /** The outage in force, or {@code null} while the log can be written. */
    public StorageOutage outage() {
        return outage;
    }

    /** Writing the log failed: starts an outage unless one lasts, and returns the one in force. */
    public StorageOutage begin(Throwable cause) {
        StorageOutage current = outage;
        if (current == null) {
            current = new StorageOutage(cause, System.nanoTime());
            outage = current;
            log.error("Writing the log failed: the store refuses commits until the disk takes writes again; "
                    + "it retries on its own", cause);
        }
        return current;
    }

    /** The outage in force after a try to end it, when one was due at {@code nowNanos}; {@code null} when none. */
    public StorageOutage afterTryIfDue(long nowNanos) {
        StorageOutage current = outage;
        if (current != null && current.tryDue(nowNanos)) {
            recover();
            current = outage;
        }
        return current;
    }

    /**
     * Tries to end the outage now.
     *
     * @return whether the store accepts commits now
     */
    boolean recover() {
        if (!recovering.compareAndSet(false, true)) {
            return outage == null;
        }
        try {
            StorageOutage current = outage;
            if (current == null) {
                return true;
            }
            try {
                syncer.resume(() -> {
                    writing.lock();
                    try {
                        segmentedLog.cutAfterDurable();
                        segmentedLog.reserveAhead();
                    } finally {
                        writing.unlock();
                    }
                });
            } catch (IOException | RuntimeException e) {
                current.tryFailed(e, System.nanoTime());
                log.warn("The log still cannot be written ({} tries so far): {}", current.tries(),
                        StorageOutage.describe(e));
                return false;
            }
            outage = null;
            log.info("The log can be written again: the store accepts commits (it refused them since {}, after {})",
                    current.since(), StorageOutage.describe(current.cause()));
            return true;
        } finally {
            recovering.set(false);
        }
    }

    /**
     * When closing during an outage, with the writer and the syncer stopped: cuts the log back to its
     * last durable record if the disk lets it, so that the commits refused are not found at the next start.
     */
    public void cutIfUnavailable() {
        if (outage == null) {
            return;
        }
        try {
            segmentedLog.cutAfterDurable();
        } catch (IOException | RuntimeException e) {
            log.warn("Closing during a storage outage: the log could not be cut back to its last durable record "
                    + "({}); commits refused during the outage may be found, whole, at the next start",
                    StorageOutage.describe(e));
        }
    }
}
