package dev.lithair.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a restore wrote: a data directory a store opens as it is.
 *
 * @param directory        the new data directory
 * @param sequence         its last sequence: the store opened on it holds exactly the commits up to there
 * @param snapshotSequence the snapshot it starts from, 0 when its log starts at the first sequence
 * @param commits          the commits of its log after that snapshot, which opening replays
 * @param lastCommitTime   when its last commit was made, {@code null} when that commit is only in the snapshot
 * @param files            the files written, in order
 * @param bytes            their total size
 */
public record RestoreResult(Path directory, long sequence, long snapshotSequence, long commits,
        Instant lastCommitTime, List<String> files, long bytes) {

    /**
     * Describes what a restore wrote; the directory is required, the files are copied.
     *
     * @param directory        the new data directory
     * @param sequence         its last sequence
     * @param snapshotSequence the snapshot it starts from, 0 when none
     * @param commits          the commits of its log after that snapshot
     * @param lastCommitTime   when its last commit was made, or {@code null}
     * @param files            the files written, in order
     * @param bytes            their total size
     */
    public RestoreResult {
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
    }
}
