package dev.lithair.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.lithair.internal.log.DataDirectoryLock;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogFiles;

/**
 * The files of a store's data directory as a test sees them: segments, snapshots and the frames
 * inside a segment, plus the ways a test copies and damages them. Reads the on-disk layout
 * independently of the store, so assertions are about stored bytes.
 */
public final class DataDirectory {

    private static final String SEGMENT_PREFIX = "events-";
    private static final String SEGMENT_SUFFIX = ".raftlog";
    private static final String SNAPSHOT_PREFIX = "state-";
    private static final String SNAPSHOT_SUFFIX = ".raftsnap";

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    public static DataDirectory at(Path path) {
        return new DataDirectory(path);
    }

    public Path path() {
        return path;
    }

    public Path resolve(String fileName) {
        return path.resolve(fileName);
    }

    /** Segment files, oldest first. */
    public List<Path> segments() {
        return filesNamed(SEGMENT_PREFIX, SEGMENT_SUFFIX);
    }

    public Path lastSegment() {
        List<Path> segments = segments();
        assertThat(segments).as("segments in %s", path).isNotEmpty();
        return segments.get(segments.size() - 1);
    }

    /** Snapshot files, oldest first. */
    public List<Path> snapshots() {
        return filesNamed(SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX);
    }

    /** The sequence a segment's name says its first record starts at. */
    public static long firstSequenceOf(Path segment) {
        return sequenceInName(segment, SEGMENT_PREFIX, SEGMENT_SUFFIX);
    }

    /** The sequence a snapshot's name says it covers. */
    public static long sequenceOfSnapshot(Path snapshot) {
        return sequenceInName(snapshot, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX);
    }

    /**
     * The frames of a segment, which must consist of intact frames only, followed in an open store's
     * active segment by preallocation fill.
     */
    public static List<Frame> frames(Path segment) {
        byte[] bytes = read(segment);
        List<Frame> frames = new ArrayList<>();
        int offset = 0;
        int records = LogFiles.lengthWithoutFill(bytes);
        while (offset < records) {
            Frame frame = Frame.parse(bytes, offset, bytes.length - offset, offset);
            assertThat(frame).as("intact frame at byte offset %d of %s", offset, segment.getFileName()).isNotNull();
            frames.add(frame);
            offset += frame.sizeOnDisk();
        }
        return frames;
    }

    /** The frames of every segment, oldest first. */
    public List<Frame> allFrames() {
        List<Frame> frames = new ArrayList<>();
        segments().forEach(segment -> frames.addAll(frames(segment)));
        return frames;
    }

    /** Copies every file of this directory but the lock file into {@code target}, which must not exist yet. */
    public DataDirectory copyTo(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    // The lock file only says who held the directory; reading it would drop the lock of a
                    // store of this process that holds it.
                    if (!file.getFileName().toString().equals(DataDirectoryLock.FILE_NAME)) {
                        Files.copy(file, target.resolve(file.getFileName()));
                    }
                }
            }
            return new DataDirectory(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * File name to SHA-256 of the content, for every file but the lock file (each open writes who holds
     * the directory there): equal fingerprints mean untouched data.
     */
    public Map<String, String> fingerprint() {
        return fingerprint(false);
    }

    /**
     * File name to SHA-256 of the content, for every file, the lock file included: only while no store of
     * this process holds the directory, since reading the lock file here would drop that store's lock.
     */
    public Map<String, String> everyFileFingerprint() {
        return fingerprint(true);
    }

    private Map<String, String> fingerprint(boolean withLockFile) {
        Map<String, String> fingerprint = new TreeMap<>();
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (withLockFile || !name.equals(DataDirectoryLock.FILE_NAME)) {
                    fingerprint.put(name, sha256(read(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fingerprint;
    }

    /**
     * The lock file's size and modification time, read without opening it (which would drop the lock of a
     * store of this process holding the directory).
     */
    public String lockFileStat() {
        try {
            Path lock = path.resolve(DataDirectoryLock.FILE_NAME);
            return Files.size(lock) + " bytes, modified " + Files.getLastModifiedTime(lock).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts {@code file} to its first {@code size} bytes. */
    public static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inverts bit {@code bit} (0 = least significant) of the byte at {@code offset}. */
    public static void flipBit(Path file, long offset, int bit) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            assertThat(channel.read(one, offset)).as("byte %d of %s", offset, file).isEqualTo(1);
            one.put(0, (byte) (one.get(0) ^ (1 << bit))).rewind();
            channel.write(one, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code length} bytes from {@code offset} with zeros. */
    public static void zero(Path file, long offset, int length) {
        overwrite(file, offset, new byte[length]);
    }

    /** Writes {@code bytes} over the file's content from {@code offset} on. */
    public static void overwrite(Path file, long offset, byte[] bytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> filesNamed(String prefix, String suffix) {
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sequenceInName(Path file, String prefix, String suffix) {
        String name = file.getFileName().toString();
        assertThat(name).startsWith(prefix).endsWith(suffix);
        String digits = name.substring(prefix.length(), name.length() - suffix.length());
        assertThat(digits).hasSize(20).containsOnlyDigits();
        return Long.parseLong(digits);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
