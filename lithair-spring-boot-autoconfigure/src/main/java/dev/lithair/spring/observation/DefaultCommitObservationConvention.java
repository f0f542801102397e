package dev.lithair.spring.observation;

import dev.lithair.spring.observation.LithairObservation.CommitDetailKeys;
import dev.lithair.spring.observation.LithairObservation.CommitKeys;
import io.micrometer.common.KeyValues;

/**
 * The keys of {@code lithair.commit} as {@link LithairObservation#COMMIT} documents them: the entity types
 * and the outcome as tags, the operation count, the sequence and the force wait on the span only.
 */
public class DefaultCommitObservationConvention implements CommitObservationConvention {

    /** A shared instance: the convention holds no state. */
    public static final DefaultCommitObservationConvention INSTANCE = new DefaultCommitObservationConvention();

    /** A convention, for a subclass that changes some of the keys; otherwise use {@link #INSTANCE}. */
    public DefaultCommitObservationConvention() {
    }

    @Override
    public String getName() {
        return LithairObservation.COMMIT.getName();
    }

    @Override
    public String getContextualName(CommitObservationContext context) {
        return "lithair commit";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(CommitObservationContext context) {
        return KeyValues.of(CommitKeys.ENTITY_TYPES.withValue(String.join(",", context.getEntityTypes())),
                CommitKeys.OUTCOME.withValue(context.getOutcome().tag()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(CommitObservationContext context) {
        KeyValues values = KeyValues.of(CommitDetailKeys.OPERATIONS.withValue(Integer.toString(context.getOperationCount())));
        if (context.getResult() != null) {
            values = values.and(CommitDetailKeys.SEQUENCE.withValue(Long.toString(context.getResult().sequence())));
        }
        if (context.getForceWaitNanos() >= 0) {
            values = values.and(CommitDetailKeys.FORCE_WAIT_NANOS.withValue(Long.toString(context.getForceWaitNanos())));
        }
        return values;
    }
}
