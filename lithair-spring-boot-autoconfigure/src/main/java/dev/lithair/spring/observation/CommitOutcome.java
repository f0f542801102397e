package dev.lithair.spring.observation;

import dev.lithair.exception.CommitRejectedException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.VersionConflictException;

/** How a commit ended, as the {@code lithair.outcome} tag of {@code lithair.commit} tells it. */
public enum CommitOutcome {

    /** Durable and applied. */
    SUCCESS("success"),
    /** Its idempotency key had already been applied: nothing was done. */
    DUPLICATE("duplicate"),
    /** A stale {@code @Version} (Spring's {@code OptimisticLockingFailureException}). */
    CONFLICT("conflict"),
    /** A {@code @Unique} value already taken (Spring's {@code DuplicateKeyException}). */
    UNIQUE_VIOLATION("unique-violation"),
    /** Refused for another rule: an {@code @Immutable} field changed, a value the store cannot read back. */
    REJECTED("rejected"),
    /** The store could not take it (disk fault, closed, no answer in time): whether it was applied is unknown. */
    UNAVAILABLE("unavailable"),
    /** Any other failure. */
    ERROR("error");

    private final String tag;

    CommitOutcome(String tag) {
        this.tag = tag;
    }

    /** {@return the tag value} */
    public String tag() {
        return tag;
    }

    /**
     * The outcome of a commit the store refused (an engine exception, not yet translated).
     *
     * @param failure what the store threw
     * @return the outcome it stands for
     */
    public static CommitOutcome of(Throwable failure) {
        if (failure instanceof VersionConflictException) {
            return CONFLICT;
        }
        if (failure instanceof UniqueViolationException) {
            return UNIQUE_VIOLATION;
        }
        if (failure instanceof CommitRejectedException) {
            return REJECTED;
        }
        if (failure instanceof StoreUnavailableException) {
            return UNAVAILABLE;
        }
        return ERROR;
    }
}
