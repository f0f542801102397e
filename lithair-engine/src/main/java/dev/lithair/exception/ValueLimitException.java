package dev.lithair.exception;

import dev.lithair.event.ValueLimits;

/**
 * A commit holds a value the store could not read back (see {@link ValueLimits}): too deep, a number
 * or text too long, a record too large, or text that is not valid Unicode. Refused before anything is
 * written; the store goes on with the next commit. Names the entity, the field (its path) and the
 * limit; the offending value itself is not kept, only its measure.
 */
public class ValueLimitException extends CommitRejectedException {

    /** Which limit the value breaks. */
    private final ValueLimits.Limit limit;
    /** The value's measure. */
    private final long actual;
    /** The limit's value. */
    private final long maximum;

    /**
     * Refuses a value over a limit, naming the field and the limit.
     *
     * @param entityType the entity's type
     * @param entityId   the entity's id
     * @param field      the field, as a path for a nested value
     * @param limit      which limit the value breaks
     * @param actual     the value's measure
     * @param maximum    the limit's value
     * @param message    all of it, for people
     */
    public ValueLimitException(String entityType, String entityId, String field, ValueLimits.Limit limit, long actual,
            long maximum, String message) {
        super(message, entityType, entityId, field, actual);
        this.limit = limit;
        this.actual = actual;
        this.maximum = maximum;
    }

    /** {@return which limit the value breaks} */
    public ValueLimits.Limit limit() {
        return limit;
    }

    /** {@return the value's measure: digits, characters, bytes, or the first nesting level over the limit} */
    public long actual() {
        return actual;
    }

    /** {@return the limit's value} */
    public long maximum() {
        return maximum;
    }
}
