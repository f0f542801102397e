package dev.lithair.sample.iot.ingest;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.spring.repository.EntityChangedEvent;

/**
 * Counts the sensor changes committed by a piece of work on the current thread.
 *
 * <p>Why: a transaction whose idempotency key was already applied commits nothing and raises nothing,
 * exactly like a successful one from the caller's side. The starter publishes an
 * {@link EntityChangedEvent} for every committed change, synchronously on the committing thread, and
 * none for a duplicate; counting them is how a batch learns whether it was applied now.
 *
 * <p>Thread-safe: each thread counts its own work only.
 */
@Component
public class CommittedSensorChanges {

    private final ThreadLocal<long[]> counting = new ThreadLocal<>();

    /** Runs {@code work} and returns how many sensor changes it committed. */
    public long countWhile(Runnable work) {
        long[] outer = counting.get();
        long[] count = new long[1];
        counting.set(count);
        try {
            work.run();
            return count[0];
        } finally {
            if (outer == null) {
                counting.remove();
            } else {
                counting.set(outer);
            }
        }
    }

    @EventListener
    void on(EntityChangedEvent<Sensor> change) {
        long[] count = counting.get();
        if (count != null) {
            count[0]++;
        }
    }
}
