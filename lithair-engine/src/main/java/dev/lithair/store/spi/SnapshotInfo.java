package dev.lithair.store.spi;

import java.nio.file.Path;

/**
 * A snapshot that was written.
 *
 * @param sequence        the last event it covers
 * @param file            where it is
 * @param sizeBytes       its size on disk
 * @param durationMillis  time from capture to the file being durable
 * @param segmentsDeleted log segments deleted because snapshots now cover them
 */
public record SnapshotInfo(long sequence, Path file, long sizeBytes, long durationMillis, int segmentsDeleted) {
}
