package dev.lithair.internal.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Snapshot files {@code state-<seq>.raftsnap}, each the whole state after event {@code seq}.
 *
 * <p>A snapshot is written to a temporary file, forced, renamed into place and the directory forced,
 * so a crash leaves either the complete new file or none. Layout: {@code ["LITHSNAP"][int version][byte
 * format]} then, in version 2, frames of independently checked chunks ({@link SnapshotFrame}); version 1
 * (still read) held one document and a trailer {@code [long bodyLength][int crc32c of body]}. Loading
 * uses nothing before its checksum holds and falls back to older snapshots when the newest is
 * unreadable. The {@code retain} newest are kept.
 *
 * <p>Thread-safe for one writer and any number of readers of other files; {@link #write} and
 * {@link #prune} are called from the snapshot thread only.
 */
public final class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("state-(\\d{20})\\.raftsnap");
    private static final byte[] MAGIC = "LITHSNAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Frames of chunks, see {@link SnapshotFrame}: what this release writes. */
    private static final int VERSION = 2;
    /** One document with a whole-body checksum: still read, no longer written. */
    private static final int VERSION_1 = 1;
    private static final int HEADER_BYTES = MAGIC.length + 4 + 1;
    private static final int TRAILER_BYTES = 8 + 4;

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

    /** Writes a capture as the snapshot after its last event, in the current format; returns the file. */
    public Path write(CapturedState state, EntityTypes types) throws IOException {
        long sequence = state.lastSequence();
        Path target = directory.resolve(fileName(sequence));
        Path temp = directory.resolve(fileName(sequence) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(codec.writeFormat().marker());
            new SnapshotChunkWriter(codec.mapper(codec.writeFormat()), types, out).write(state);
            out.flush();
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
     * Restores the newest readable snapshot into {@code target}, falling back to older ones (each failure
     * logged with its reason, the target abandoned in between); empty when there is none or none is
     * readable.
     *
     * @return the sequence of the snapshot restored
     */
    public OptionalLong loadNewest(EntityTypes types, SnapshotTarget target) throws IOException {
        List<Long> sequences = sequences();
        for (int i = sequences.size() - 1; i >= 0; i--) {
            Path file = directory.resolve(fileName(sequences.get(i)));
            try {
                load(file, sequences.get(i), types, target);
                return OptionalLong.of(sequences.get(i));
            } catch (IOException | RuntimeException e) {
                unreadable.add(sequences.get(i));
                log.error("Snapshot {} is unreadable ({}); falling back to the previous snapshot and the log",
                        file.getFileName(), e.getMessage());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Restores one snapshot file into {@code target}, verifying every part before it is used.
     *
     * @param sequence the sequence the file is named after: the snapshot must hold the state after it
     * @throws IOException when the file is damaged or holds another sequence; the target is abandoned
     */
    public void load(Path file, long sequence, EntityTypes types, SnapshotTarget target) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = Header.read(channel);
            if (header.version() == VERSION) {
                new SnapshotChunkReader(codec.mapper(header.format()), types).read(channel, HEADER_BYTES, channel.size(),
                        sequence, target);
                return;
            }
        }
        RecoveredState recovered = readVersion1(file, new StateSnapshotReader(types));
        if (recovered.lastSequence() != sequence) {
            throw new IOException("it holds the state after sequence " + recovered.lastSequence()
                    + " but is named after sequence " + sequence);
        }
        Map<String, Integer> sizes = new HashMap<>();
        recovered.entities().forEach(batch -> sizes.merge(batch.type(), batch.ids().length, Integer::sum));
        target.begin(recovered.lastSequence(), sizes);
        try {
            for (RecoveredState.EntityBatch batch : recovered.entities()) {
                target.entities(batch.type(), batch.ids(), batch.entities());
            }
            target.end(recovered.appliedKeys(), recovered.sections() == null ? Map.of() : recovered.sections());
        } catch (RuntimeException e) {
            target.abandon();
            throw e;
        }
    }

    /**
     * Verifies a snapshot file without restoring it: every checksum, and that it is complete.
     *
     * @return the sequence whose state it holds
     * @throws IOException when it is damaged
     */
    public long verify(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = Header.read(channel);
            if (header.version() == VERSION) {
                // Verifying decodes no entity: no entity types needed.
                return new SnapshotChunkReader(codec.mapper(header.format()), null).verify(channel, HEADER_BYTES,
                        channel.size());
            }
        }
        return readVersion1(file, parser -> {
            long lastSequence = -1;
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("lastSequence")) {
                        lastSequence = parser.getLongValue();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return lastSequence;
        });
    }

    /** The fixed start of every snapshot file: magic, format version, storage format. */
    private record Header(int version, StorageFormat format) {

        static Header read(FileChannel channel) throws IOException {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new IOException("too short to be a snapshot (" + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            SnapshotFrame.readFully(channel, header, 0);
            byte[] magic = new byte[MAGIC.length];
            header.flip().get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Lithair snapshot (bad magic)");
            }
            int version = header.getInt();
            if (version != VERSION && version != VERSION_1) {
                throw new IOException("unsupported snapshot version " + version);
            }
            return new Header(version, StorageFormat.ofMarker(header.get()));
        }
    }

    /** Reads a snapshot of format version 1 with {@code reader}, after verifying its whole-body checksum. */
    private <T> T readVersion1(Path file, BodyReader<T> reader) throws IOException {
        long size = Files.size(file);
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw new IOException("too short to be a snapshot (" + size + " bytes)");
        }
        long bodyLength;
        int storedCrc;
        StorageFormat format;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            format = Header.read(channel).format();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            SnapshotFrame.readFully(channel, trailer, size - TRAILER_BYTES);
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

    /** Reads the body of a snapshot of format version 1, given a parser positioned before its first token. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static InputStream bodyStream(Path file, long bodyLength) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        new DataInputStream(in).skipNBytes(HEADER_BYTES);
        return new BoundedInputStream(in, bodyLength);
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
