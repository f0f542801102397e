package dev.lithair.internal.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.SegmentedLog;
import tools.jackson.core.JsonParser;

/**
 * Snapshot files {@code state-<seq>.raftsnap}, each the whole state after event {@code seq}.
 *
 * <p>A snapshot is written to a temporary file, forced, renamed into place and the directory forced,
 * so a crash leaves either the complete new file or none. Layout:
 * {@code ["LITHSNAP"][int version][byte format][body][long bodyLength][int crc32c of body]}.
 * Loading verifies the checksum before parsing and falls back to older snapshots when the newest is
 * unreadable. The {@code retain} newest are kept.
 *
 * <p>Thread-safe for one writer and any number of readers of other files; {@link #write} and
 * {@link #prune} are called from the snapshot thread only.
 */
public final class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("state-(\\d{20})\\.raftsnap");
    private static final byte[] MAGIC = "LITHSNAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 4 + 1;
    private static final int TRAILER_BYTES = 8 + 4;

    /** A snapshot read back, with the sequence it covers. */
    public record Loaded<T>(long sequence, Path file, T state) {
    }

    private final Path directory;
    private final RecordCodec codec;
    private final int retain;
    /**
     * Snapshots found unreadable at start-up. They do not count towards retention (else they would
     * push out the good snapshot the store now depends on) and stay, as evidence, until a readable
     * snapshot newer than them is the oldest one kept.
     */
    private final java.util.Set<Long> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SnapshotStore(Path directory, RecordCodec codec, int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("at least one snapshot must be retained, was " + retain);
        }
        this.directory = directory;
        this.codec = codec;
        this.retain = retain;
    }

    public static String fileName(long sequence) {
        return String.format("state-%020d.raftsnap", sequence);
    }

    /** Writes {@code state} as the snapshot after event {@code sequence}; returns the file. */
    public Path write(long sequence, Object state) throws IOException {
        Path target = directory.resolve(fileName(sequence));
        Path temp = directory.resolve(fileName(sequence) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            file.write(MAGIC);
            DataOutputStream header = new DataOutputStream(file);
            header.writeInt(VERSION);
            header.writeByte(codec.writeFormat().marker());
            CRC32C crc = new CRC32C();
            CountingOutputStream body = new CountingOutputStream(new CheckedOutputStream(file, crc));
            codec.write(body, state);
            header.writeLong(body.count);
            header.writeInt((int) crc.getValue());
            header.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        SegmentedLog.forceDirectory(directory);
        return target;
    }

    /**
     * Loads the newest readable snapshot, falling back to older ones (each failure logged with its
     * reason); empty when there is none or none is readable.
     */
    public <T> Optional<Loaded<T>> loadNewest(Class<T> type) throws IOException {
        return loadNewest(parser -> parser.readValueAs(type));
    }

    /** Reads a snapshot's body, given a parser positioned before its first token. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * Loads the newest snapshot {@code reader} can read, falling back to older ones (each failure
     * logged with its reason); empty when there is none or none is readable.
     */
    public <T> Optional<Loaded<T>> loadNewest(BodyReader<T> reader) throws IOException {
        return loadNewest(reader, (state, sequence) -> {
        });
    }

    /** Takes a snapshot read back, or refuses it by throwing: the next older snapshot is tried then. */
    @FunctionalInterface
    public interface Acceptance<T> {
        /**
         * @param state    what the body reader returned
         * @param sequence the sequence the file's name says the snapshot covers
         */
        void accept(T state, long sequence) throws IOException;
    }

    /**
     * Loads the newest snapshot that {@code reader} can read and {@code acceptance} takes, falling back to
     * older ones (each failure logged with its reason); empty when there is none or none is taken.
     */
    public <T> Optional<Loaded<T>> loadNewest(BodyReader<T> reader, Acceptance<T> acceptance) throws IOException {
        List<Long> sequences = sequences();
        for (int i = sequences.size() - 1; i >= 0; i--) {
            Path file = directory.resolve(fileName(sequences.get(i)));
            try {
                T state = read(file, reader);
                acceptance.accept(state, sequences.get(i));
                return Optional.of(new Loaded<>(sequences.get(i), file, state));
            } catch (IOException | RuntimeException e) {
                unreadable.add(sequences.get(i));
                log.error("Snapshot {} is unreadable ({}); falling back to the previous snapshot and the log",
                        file.getFileName(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads one snapshot file, verifying magic, version and checksum before parsing. */
    public <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, parser -> parser.readValueAs(type));
    }

    /**
     * Reads one snapshot file with {@code reader}, which streams its body (so that a large state need not
     * be held twice), after verifying magic, version and checksum.
     */
    public <T> T read(Path file, BodyReader<T> reader) throws IOException {
        long size = Files.size(file);
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw new IOException("too short to be a snapshot (" + size + " bytes)");
        }
        long bodyLength;
        int storedCrc;
        StorageFormat format;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, header, 0);
            byte[] magic = new byte[MAGIC.length];
            header.flip().get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Lithair snapshot (bad magic)");
            }
            int version = header.getInt();
            if (version != VERSION) {
                throw new IOException("unsupported snapshot version " + version);
            }
            format = StorageFormat.ofMarker(header.get());
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            readFully(channel, trailer, size - TRAILER_BYTES);
            trailer.flip();
            bodyLength = trailer.getLong();
            storedCrc = trailer.getInt();
        }
        if (bodyLength != size - HEADER_BYTES - TRAILER_BYTES) {
            throw new IOException("body length " + bodyLength + " does not match file size " + size);
        }
        CRC32C crc = new CRC32C();
        try (InputStream in = new CheckedInputStream(bodyStream(file, bodyLength), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if ((int) crc.getValue() != storedCrc) {
            throw new IOException("checksum mismatch");
        }
        try (InputStream in = bodyStream(file, bodyLength);
                JsonParser parser = codec.mapper(format).createParser(in)) {
            return reader.read(parser);
        }
    }

    private static InputStream bodyStream(Path file, long bodyLength) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        new DataInputStream(in).skipNBytes(HEADER_BYTES);
        return new BoundedInputStream(in, bodyLength);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of snapshot");
            }
        }
    }

    /** Sequences of the snapshot files present, oldest first. */
    public List<Long> sequences() throws IOException {
        List<Long> sequences = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return sequences;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(path -> {
                Matcher matcher = SNAPSHOT_NAME.matcher(path.getFileName().toString());
                if (matcher.matches()) {
                    sequences.add(Long.parseLong(matcher.group(1)));
                }
            });
        }
        sequences.sort(Long::compare);
        return sequences;
    }

    /**
     * Deletes all but the {@code retain} newest snapshots, and leftover temporary files.
     *
     * @return the oldest sequence still retained, which the log must still cover from
     */
    public long prune() throws IOException {
        return pruneKeeping(retain);
    }

    /** Deletes all but the {@code keep} newest snapshots; returns the oldest retained sequence (0 if none). */
    public long pruneKeeping(int keep) throws IOException {
        List<Long> sequences = new ArrayList<>(sequences());
        sequences.removeAll(unreadable);
        for (int i = 0; i < sequences.size() - keep; i++) {
            Files.deleteIfExists(directory.resolve(fileName(sequences.get(i))));
        }
        long oldestKept = sequences.isEmpty() ? 0 : sequences.get(Math.max(0, sequences.size() - keep));
        for (Long damaged : List.copyOf(unreadable)) {
            if (damaged < oldestKept) {
                Files.deleteIfExists(directory.resolve(fileName(damaged)));
                unreadable.remove(damaged);
            }
        }
        removeTemporaryFiles();
        List<Long> kept = sequences.subList(Math.max(0, sequences.size() - keep), sequences.size());
        return kept.isEmpty() ? 0 : kept.get(0);
    }

    /** Deletes temporary files of snapshots that were being written when the process died. */
    public void removeTemporaryFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path leftover : files.filter(p -> p.getFileName().toString().endsWith(".raftsnap.tmp")).toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        /** The serialiser closes its target when done; the file stays open for the trailer. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(b, off, (int) Math.min(len, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
