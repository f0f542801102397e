package dev.lithair.store;

import dev.lithair.event.ValueLimits;

/**
 * A commit holds a value the store could not read back (see {@link ValueLimits}): too deep, a number
 * or text too long, a record too large, or text that is not valid Unicode. Refused before anything is
 * written; the store goes on with the next commit. Names the entity, the field (its path) and the
 * limit; the offending value itself is not kept, only its measure.
 */
public class ValueLimitException extends CommitRejectedException {

    private final ValueLimits.Limit limit;
    private final long actual;
    private final long maximum;

    public ValueLimitException(String entityType, String entityId, String field, ValueLimits.Limit limit, long actual,
            long maximum, String message) {
        super(message, entityType, entityId, field, actual);
        this.limit = limit;
        this.actual = actual;
        this.maximum = maximum;
    }

    /** The refusal of {@code violation}, found in the entity {@code entityType}/{@code entityId}. */
    static ValueLimitException of(String entityType, String entityId, ValueLimits.Violation violation) {
        return new ValueLimitException(entityType, entityId, violation.path(), violation.limit(), violation.actual(),
                violation.maximum(), entityType + " " + shortened(entityId) + ": " + violation.describe());
    }

    /** The refusal of a commit whose encoded record is {@code bytes} long, over {@code maximum}. */
    static ValueLimitException ofRecord(Commit commit, long bytes, long maximum) {
        Operation first = commit.operations().get(0);
        int others = commit.operations().size() - 1;
        ValueLimits.Violation violation = new ValueLimits.Violation(ValueLimits.Limit.RECORD_SIZE, "the commit's record",
                bytes, maximum);
        return new ValueLimitException(first.entityType(), first.entityId(), violation.path(), violation.limit(), bytes,
                maximum, first.entityType() + " " + shortened(first.entityId())
                        + (others > 0 ? " (and " + others + " more operations)" : "") + ": " + violation.describe());
    }

    /** An id as a message quotes it: a long one (which may be the value refused) is cut. */
    static String shortened(String entityId) {
        return entityId == null || entityId.length() <= 64 ? entityId : entityId.substring(0, 64) + "...";
    }

    /** Which limit the value breaks. */
    public ValueLimits.Limit limit() {
        return limit;
    }

    /** The value's measure: digits, characters, bytes, or the first nesting level over the limit. */
    public long actual() {
        return actual;
    }

    /** The limit's value. */
    public long maximum() {
        return maximum;
    }
}
