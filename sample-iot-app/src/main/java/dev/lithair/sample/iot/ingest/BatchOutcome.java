package dev.lithair.sample.iot.ingest;

/**
 * What became of a batch.
 *
 * @param batchId  the batch's id
 * @param applied  {@code true} when applied now; {@code false} when its id had already been applied,
 *                 so nothing changed
 * @param readings readings in the batch
 */
public record BatchOutcome(String batchId, boolean applied, int readings) {
}
