package dev.lithair.internal.log;

/**
 * What opening the log found.
 *
 * @param recordsScanned    intact records read
 * @param bytesScanned      bytes of intact records read
 * @param truncatedBytes    bytes of torn tail removed, 0 when the tail was clean
 * @param lastSequence      sequence of the last intact event, or the snapshot's when the log holds none after it
 */
public record LogOpenResult(long recordsScanned, long bytesScanned, long truncatedBytes, long lastSequence) {
}
