/**
 * Internal: the segmented log on disk. Segment naming, scanning and the torn-tail rule live in
 * {@link dev.lithair.internal.log.LogScanner}, which both opening the log and the CLI use; forcing, recovery
 * after a failed write, the hash chain and the data directory lock live beside it. Not an API.
 */
package dev.lithair.internal.log;
