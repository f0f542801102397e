package dev.lithair.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code lithair.repository} observations. Declare a bean of this type to replace
 * {@link DefaultRepositoryObservationConvention}, or extend that one to add keys.
 */
public interface RepositoryObservationConvention extends ObservationConvention<RepositoryObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RepositoryObservationContext;
    }
}
