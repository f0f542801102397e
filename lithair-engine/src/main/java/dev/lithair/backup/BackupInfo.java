package dev.lithair.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A complete backup folder, as its manifest describes it.
 *
 * @param name      the folder's name
 * @param directory the folder
 * @param sequence  the last sequence it holds: restoring it whole gives the store as it was after that event
 * @param time      when it was taken (by the store's clock, for a backup of a running store)
 * @param bytes     the total size of its data files
 */
public record BackupInfo(String name, Path directory, long sequence, Instant time, long bytes) {

    /**
     * Describes a backup folder; the name, the folder and the time are required.
     *
     * @param name      the folder's name
     * @param directory the folder
     * @param sequence  the last sequence it holds
     * @param time      when it was taken
     * @param bytes     the total size of its data files
     */
    public BackupInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(time, "time");
    }
}
