package dev.lithair.spring.observation;

import dev.lithair.spring.observation.LithairObservation.RepositoryKeys;
import io.micrometer.common.KeyValues;

/**
 * The keys of {@code lithair.repository} as {@link LithairObservation#REPOSITORY} documents them; the span is
 * named after the call ({@code ProductRepository.save}).
 */
public class DefaultRepositoryObservationConvention implements RepositoryObservationConvention {

    /** A shared instance: the convention holds no state. */
    public static final DefaultRepositoryObservationConvention INSTANCE = new DefaultRepositoryObservationConvention();

    /** A convention, for a subclass that changes some of the keys; otherwise use {@link #INSTANCE}. */
    public DefaultRepositoryObservationConvention() {
    }

    @Override
    public String getName() {
        return LithairObservation.REPOSITORY.getName();
    }

    @Override
    public String getContextualName(RepositoryObservationContext context) {
        return context.getRepositoryInterface().getSimpleName() + "." + context.getMethod().getName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RepositoryObservationContext context) {
        return KeyValues.of(RepositoryKeys.REPOSITORY.withValue(context.getRepositoryInterface().getSimpleName()),
                RepositoryKeys.METHOD.withValue(context.getMethod().getName()),
                RepositoryKeys.OUTCOME.withValue(context.getError() == null ? "success" : "error"));
    }
}
