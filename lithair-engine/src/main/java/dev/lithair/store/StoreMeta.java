package dev.lithair.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;

import dev.lithair.event.RecordCodec;
import dev.lithair.log.SegmentedLog;

/**
 * {@code meta.raftmeta}: identifies a data directory and the on-disk format version, so that a
 * future release refuses (instead of misreading) data it does not understand. Written once, atomically.
 *
 * @param formatVersion on-disk format version
 * @param storeId       random id of this data directory
 * @param createdAt     when the directory was initialised
 */
public record StoreMeta(int formatVersion, String storeId, Instant createdAt) {

    public static final int CURRENT_FORMAT_VERSION = 1;
    public static final String FILE_NAME = "meta.raftmeta";

    /** Reads the directory's metadata, creating it on first use. */
    static StoreMeta loadOrCreate(Path directory, RecordCodec codec) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            StoreMeta meta = codec.json().readValue(Files.readAllBytes(file), StoreMeta.class);
            if (meta.formatVersion() > CURRENT_FORMAT_VERSION) {
                throw new IllegalStateException(directory + " holds data in format version " + meta.formatVersion()
                        + ", newer than this release understands (" + CURRENT_FORMAT_VERSION + ")");
            }
            return meta;
        }
        StoreMeta meta = new StoreMeta(CURRENT_FORMAT_VERSION, UUID.randomUUID().toString(), Instant.now());
        Path temp = directory.resolve(FILE_NAME + ".tmp");
        Files.write(temp, codec.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        SegmentedLog.forceDirectory(directory);
        return meta;
    }
}
