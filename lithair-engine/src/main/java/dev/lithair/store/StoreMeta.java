package dev.lithair.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;

import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.SegmentedLog;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code meta.raftmeta}: identifies a data directory and the on-disk format version, so that a
 * future release refuses (instead of misreading) data it does not understand. Written once, atomically.
 *
 * @param formatVersion on-disk format version
 * @param storeId       random id of this data directory
 * @param createdAt     when the directory was initialised
 */
public record StoreMeta(int formatVersion, String storeId, Instant createdAt) {

    /**
     * Strict about what it reads (a missing or mistyped value, trailing bytes), tolerant of properties a
     * later release may add.
     */
    private static final JsonMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The format version this release writes; a newer one is refused. */
    public static final int CURRENT_FORMAT_VERSION = 1;
    /** The metadata file's name in a data directory. */
    public static final String FILE_NAME = "meta.raftmeta";

    /**
     * Reads a metadata file, refusing one that is not exactly what this class writes: nothing in the
     * directory is trusted, or changed, until it is.
     *
     * @param file the metadata file
     * @return its content
     * @throws IOException when the file cannot be read
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static StoreMeta read(Path file) throws IOException {
        StoreMeta meta;
        try {
            meta = READER.readValue(Files.readAllBytes(file), StoreMeta.class);
        } catch (JacksonException unreadable) {
            throw damaged(file, "it is not a metadata document (" + unreadable.getOriginalMessage() + ")");
        }
        if (meta == null || meta.formatVersion() < 1) {
            throw damaged(file, "it has no format version");
        }
        if (meta.storeId() == null || meta.storeId().isBlank()) {
            throw damaged(file, "it has no store id");
        }
        if (meta.createdAt() == null) {
            throw damaged(file, "it has no creation time");
        }
        return meta;
    }

    private static IllegalStateException damaged(Path file, String reason) {
        return new IllegalStateException(file + " is damaged: " + reason + ". It identifies the data directory and "
                + "its format; restore it from a backup of this directory before opening the store");
    }

    /** Reads the directory's metadata, creating it on first use. */
    static StoreMeta loadOrCreate(Path directory, RecordCodec codec) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            StoreMeta meta = read(file);
            if (meta.formatVersion() > CURRENT_FORMAT_VERSION) {
                throw new IllegalStateException(directory + " holds data in format version " + meta.formatVersion()
                        + " (its " + FILE_NAME + " says so), newer than this release understands ("
                        + CURRENT_FORMAT_VERSION + ")");
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
