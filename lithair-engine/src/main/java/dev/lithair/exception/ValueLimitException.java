package dev.lithair.exception;

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
