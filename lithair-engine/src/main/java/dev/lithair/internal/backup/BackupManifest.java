package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.lithair.exception.BackupRefusedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code backup.json}: what a backup folder holds, written last and atomically (a temporary file, forced,
 * renamed, the folder forced), so that a folder without it is a backup still being written or one that
 * failed. Immutable.
 *
 * @param format   the manifest's format version, {@value #FORMAT}
 * @param name     the folder's name when the backup was written
 * @param sequence the last sequence the backup holds: its log and snapshots end there
 * @param time     when the backup was taken
 * @param bytes    the size of its data files, the manifest left out
 * @param files    its data files, by name, with their sizes
 */
public record BackupManifest(int format, String name, long sequence, Instant time, long bytes, List<FileEntry> files) {

    public static final String FILE_NAME = "backup.json";
    public static final int FORMAT = 1;
    private static final String TEMPORARY_NAME = FILE_NAME + ".tmp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One data file of the backup. */
    public record FileEntry(String name, long bytes) {
    }

    public BackupManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        files = List.copyOf(files);
    }

    /** Whether {@code folder} holds a manifest (complete: it is only ever renamed into place whole). */
    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE_NAME));
    }

    /**
     * Writes the manifest of {@code folder}, listing every file in it, atomically; the data files must be on
     * disk already.
     */
    static BackupManifest write(Path folder, String name, long sequence, Instant time) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.equals(FILE_NAME) && !fileName.equals(TEMPORARY_NAME)) {
                    long size = Files.size(file);
                    files.add(new FileEntry(fileName, size));
                    bytes += size;
                }
            }
        }
        BackupManifest manifest = new BackupManifest(FORMAT, name, sequence, time, bytes, files);
        Path temporary = folder.resolve(TEMPORARY_NAME);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(manifest.toJson()));
            channel.force(true);
        }
        Files.move(temporary, folder.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        BackupFiles.forceDirectory(folder);
        return manifest;
    }

    private byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("name", name);
        root.put("sequence", sequence);
        root.put("time", time.toString());
        root.put("bytes", bytes);
        ArrayNode list = root.putArray("files");
        for (FileEntry file : files) {
            list.addObject().put("name", file.name()).put("bytes", file.bytes());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * Reads the manifest of {@code folder}, refusing one that is not exactly what {@link #write} writes.
     *
     * @throws BackupRefusedException {@code NOT_A_BACKUP} when there is none, {@code DAMAGED} when it cannot be read
     */
    public static BackupManifest read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            throw new BackupRefusedException(BackupRefusedException.Reason.NOT_A_BACKUP, folder
                    + " is not a complete backup: it has no " + FILE_NAME + " (a backup still being written, or one "
                    + "that failed)");
        }
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) {
                throw damaged(file, "it is not a JSON object");
            }
            int format = (int) number(file, root, "format", 1);
            if (format > FORMAT) {
                throw damaged(file, "its format version " + format + " is newer than this release reads (" + FORMAT
                        + ")");
            }
            String name = text(file, root, "name");
            long sequence = number(file, root, "sequence", 0);
            Instant time;
            try {
                time = Instant.parse(text(file, root, "time"));
            } catch (DateTimeParseException notAnInstant) {
                throw damaged(file, "its time is not an ISO-8601 instant");
            }
            long bytes = number(file, root, "bytes", 0);
            JsonNode list = root.get("files");
            if (list == null || !list.isArray()) {
                throw damaged(file, "it has no list of files");
            }
            List<FileEntry> files = new ArrayList<>();
            for (JsonNode entry : list) {
                if (!entry.isObject()) {
                    throw damaged(file, "an entry of its files is not an object");
                }
                files.add(new FileEntry(text(file, entry, "name"), number(file, entry, "bytes", 0)));
            }
            return new BackupManifest(format, name, sequence, time, bytes, files);
        } catch (JacksonException unreadable) {
            throw damaged(file, "it is not JSON (" + unreadable.getOriginalMessage() + ")");
        }
    }

    private static long number(Path file, JsonNode node, String field, long min) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min) {
            throw damaged(file, "its " + field + " is not a whole number of at least " + min);
        }
        return value.longValue();
    }

    private static String text(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw damaged(file, "its " + field + " is missing");
        }
        return value.stringValue();
    }

    private static BackupRefusedException damaged(Path file, String reason) {
        return new BackupRefusedException(BackupRefusedException.Reason.DAMAGED, file + " is damaged: " + reason);
    }
}
