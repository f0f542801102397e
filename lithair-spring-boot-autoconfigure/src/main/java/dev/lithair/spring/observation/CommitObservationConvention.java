package dev.lithair.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code lithair.commit} observations. Declare a bean of this type to replace
 * {@link DefaultCommitObservationConvention}, or extend that one to add keys.
 */
public interface CommitObservationConvention extends ObservationConvention<CommitObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof CommitObservationContext;
    }
}
