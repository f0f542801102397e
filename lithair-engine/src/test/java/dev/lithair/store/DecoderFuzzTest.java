package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import dev.lithair.testsupport.TestDirectories;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Log segments, records, snapshots and {@code meta.raftmeta} fed random and mutated bytes (issue 16,
 * point 5). Whatever the bytes, opening ends in one of the documented outcomes, never another
 * exception, and never reads damaged bytes as data:
 * <ul>
 * <li>damage in the last record (or after it), with nothing intact after: a torn tail, truncated; the
 * store opens with the records before it;</li>
 * <li>damage followed by intact records: {@link LogCorruptedException} naming the segment and the
 * damaged record's offset, files untouched;</li>
 * <li>a record whose checksum is intact but which cannot be decoded or applied (altered with its
 * checksum recomputed): {@link LogCorruptedException} naming the segment and that record's offset (or
 * a later one's, when the alteration only shows there);</li>
 * <li>a damaged snapshot: skipped, the store starts from the previous snapshot and the log;</li>
 * <li>a damaged {@code meta.raftmeta}: refused with {@link IllegalStateException} naming the file,
 * files untouched.</li>
 * </ul>
 * CRC32C framing catches every mutation inside a frame and a snapshot: no mutated byte is ever applied.
 */
class DecoderFuzzTest {

    /** A typed entity beside schemaless documents, so that replay converts payloads both ways. */
    record Item(String id, BigDecimal price, @Historize(HistoryPolicy.FULL) String name) {
    }

    private static final int SNAPSHOT_HEADER_BYTES = 8 + 4 + 1;

    private static Path fixtures;
    /** A log of six records, the first three in JSON, the others in Smile; no snapshot. */
    private static Path log;
    /** The contents after each number of records of {@link #log}: index k holds the state after k records. */
    private static List<Map<String, Object>> logPrefixes;
    /** Two snapshots (at {@link #olderSnapshot} and {@link #newerSnapshot}) and a log covering everything. */
    private static Path snapshotted;
    private static long olderSnapshot;
    private static long newerSnapshot;
    private static Map<String, Object> snapshottedContents;

    @BeforeContainer
    static void writeFixtures() throws IOException {
        fixtures = Files.createTempDirectory("lithair-fuzz-");
        log = fixtures.resolve("log");
        logPrefixes = new ArrayList<>();
        try (LithairStore store = open(log, StorageFormat.JSON)) {
            logPrefixes.add(contents(store));
            for (int i = 1; i <= 3; i++) {
                store.commit(commit(i));
                logPrefixes.add(contents(store));
            }
        }
        try (LithairStore store = open(log, StorageFormat.BINARY)) {
            for (int i = 4; i <= 6; i++) {
                store.commit(commit(i));
                logPrefixes.add(contents(store));
            }
        }
        snapshotted = fixtures.resolve("snapshotted");
        try (LithairStore store = open(snapshotted, StorageFormat.BINARY)) {
            for (int i = 1; i <= 4; i++) {
                store.commit(commit(i));
            }
            olderSnapshot = store.snapshot().join().sequence();
            for (int i = 5; i <= 8; i++) {
                store.commit(commit(i));
            }
            newerSnapshot = store.snapshot().join().sequence();
            store.commit(commit(9));
            snapshottedContents = contents(store);
        }
    }

    @AfterContainer
    static void deleteFixtures() {
        TestDirectories.deleteRecursively(fixtures);
    }

    /** Commit {@code i}: creates a document and an item, and from the third on updates and deletes earlier ones. */
    private static Commit commit(int i) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", "d" + i);
        document.put("name", "Document " + i + " \u00e9\ud83d\ude00");
        document.putArray("tags").add("t" + i).add(i * 1.5);
        List<Operation> operations = new ArrayList<>(List.of(new Operation.Put("Doc", "d" + i, document),
                new Operation.Put("Item", "i" + i, new Item("i" + i, new BigDecimal(i + ".50"), "Item " + i))));
        if (i >= 3) {
            operations.add(new Operation.Put("Item", "i1", new Item("i1", new BigDecimal(i + ".25"), "Renamed " + i)));
            operations.add(new Operation.Delete("Doc", "d" + (i - 2)));
        }
        return new Commit(i % 2 == 0 ? "key-" + i : null, "fuzzer", operations);
    }

    private static LithairStore open(Path directory, StorageFormat format) {
        return LithairStore.open(StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.NEVER)
                .withSnapshotEveryEvents(0).withFormat(format), List.of(EntityModel.of(Item.class, HistoryPolicy.NONE)));
    }

    private static Map<String, Object> contents(LithairStore store) {
        Map<String, Object> contents = new TreeMap<>();
        store.all("Doc").forEach(document -> contents.put("Doc:" + document.get("id").asString(), document));
        store.findAll(Item.class).forEach(item -> contents.put("Item:" + item.id(), item));
        contents.put("history of i1", store.history("Item", "i1"));
        contents.put("last sequence", store.lastSequence());
        return contents;
    }

    // ---- log frames ------------------------------------------------------------------------------

    /** A change to a frame's bytes: XOR bytes at fractions of its length, insert bytes, or delete a range. */
    record FrameDamage(String kind, List<Double> at, List<Integer> values) {

        /** Whether the frame's own bytes stay whole, after inserted ones: then an intact record follows the damage. */
        boolean leavesFrameWhole(int frameSize) {
            return kind.equals("insert") && (int) (at.get(0) * frameSize) == 0;
        }

        byte[] applyTo(byte[] file, long frameOffset, int frameSize) {
            int start = (int) frameOffset;
            switch (kind) {
                case "xor" -> {
                    byte[] damaged = file.clone();
                    java.util.Set<Integer> seen = new java.util.HashSet<>();
                    for (int k = 0; k < at.size(); k++) {
                        int position = start + (int) (at.get(k) * frameSize);
                        if (seen.add(position)) {
                            damaged[position] ^= (byte) values.get(k).intValue();
                        }
                    }
                    return damaged;
                }
                case "insert" -> {
                    int position = start + (int) (at.get(0) * frameSize);
                    byte[] inserted = new byte[values.size()];
                    for (int k = 0; k < inserted.length; k++) {
                        inserted[k] = (byte) values.get(k).intValue();
                    }
                    return concat(slice(file, 0, position), inserted, slice(file, position, file.length));
                }
                default -> {
                    int from = start + (int) (at.get(0) * frameSize);
                    int to = Math.min(start + frameSize, from + values.size());
                    return concat(slice(file, 0, from), slice(file, to, file.length));
                }
            }
        }
    }

    @Provide
    Arbitrary<FrameDamage> frameDamage() {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1).filter(f -> f < 1);
        Arbitrary<Integer> nonZero = Arbitraries.integers().between(1, 255);
        return Arbitraries.of("xor", "xor", "insert", "delete").flatMap(kind -> Combinators.combine(
                fraction.list().ofMinSize(1).ofMaxSize(8), nonZero.list().ofMinSize(8).ofMaxSize(8))
                .as((at, values) -> new FrameDamage(kind, at, values)));
    }

    @Property(tries = 150)
    void aDamagedRecordIsATornTailWhenLastAndIsRefusedNamingItsPlaceOtherwise(
            @ForAll("recordIndex") int index, @ForAll("frameDamage") FrameDamage damage) {
        inCopyOf(log, copy -> {
            Path segment = DataDirectory.at(copy).lastSegment();
            List<Frame> frames = DataDirectory.frames(segment);
            Frame damaged = frames.get(index);
            byte[] bytes = damage.applyTo(DataDirectory.read(segment), damaged.offset(), damaged.sizeOnDisk());
            write(segment, bytes);
            Map<String, String> before = DataDirectory.at(copy).fingerprint();
            boolean tornTail = index == frames.size() - 1 && !damage.leavesFrameWhole(damaged.sizeOnDisk());

            Throwable failure = catchThrowable(() -> {
                try (LithairStore store = open(copy, StorageFormat.JSON)) {
                    assertThat(tornTail).as("only damage with nothing intact after it is a torn tail").isTrue();
                    assertThat(contents(store)).isEqualTo(logPrefixes.get(index));
                    assertThat(store.recovery().truncatedBytes()).isEqualTo(bytes.length - damaged.offset());
                }
            });
            Statistics.label("outcome").collect(tornTail ? "torn tail" : "refused");

            if (!tornTail) {
                assertThat(failure).isInstanceOfSatisfying(LogCorruptedException.class, corrupted -> {
                    assertThat(corrupted.file()).isEqualTo(segment);
                    assertThat(corrupted.offset()).isEqualTo(damaged.offset());
                });
                assertThat(DataDirectory.at(copy).fingerprint()).isEqualTo(before);
            } else {
                assertThat(failure).isNull();
            }
        });
    }

    @Provide
    Arbitrary<Integer> recordIndex() {
        return Arbitraries.integers().between(0, 5);
    }

    @Property(tries = 100)
    void aSegmentOfRandomBytesHoldsNoRecord(@ForAll @Size(max = 4096) byte[] bytes) {
        inFreshDirectory(directory -> {
            write(directory.resolve("events-00000000000000000001.raftlog"), bytes);

            try (LithairStore store = open(directory, StorageFormat.JSON)) {
                assertThat(store.lastSequence()).isZero();
                assertThat(store.count("Doc")).isZero();
                assertThat(store.commit(commit(1)).sequence()).isEqualTo(2);
            }
        });
    }

    // ---- records ---------------------------------------------------------------------------------

    /** The decoder's only answers: a record, or Jackson's exception; no other exception, no error. */
    @Property(tries = 2000)
    void recordBodiesOfRandomOrMutatedBytesDecodeOrFailWithJacksonsException(@ForAll StorageFormat format,
            @ForAll("recordBodies") byte[] body) {
        RecordCodec codec = new RecordCodec(format);
        try {
            LogRecord record = codec.decode(format, body, 0, body.length);
            assertThat(record.events()).isNotEmpty();
            Statistics.label("decoded").collect("a record");
        } catch (JacksonException expected) {
            Statistics.label("decoded").collect("Jackson's exception");
        }
    }

    @Provide
    Arbitrary<byte[]> recordBodies() {
        List<byte[]> valid = new ArrayList<>();
        for (StorageFormat format : StorageFormat.values()) {
            for (int i = 1; i <= 4; i++) {
                valid.add(new RecordCodec(format).encode(new LogRecord("key-" + i, recordOf(i))));
            }
        }
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(valid),
                Arbitraries.doubles().between(0, 1).filter(f -> f < 1).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.integers().between(1, 255).list().ofSize(6), Arbitraries.integers().between(0, 40))
                .as((original, at, values, cut) -> {
                    byte[] body = original.clone();
                    for (int k = 0; k < at.size(); k++) {
                        body[(int) (at.get(k) * body.length)] ^= (byte) values.get(k).intValue();
                    }
                    return cut == 0 ? slice(body, 0, body.length / 2) : body;
                });
        return Arbitraries.oneOf(mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(512));
    }

    private static List<dev.lithair.event.EventEnvelope> recordOf(int i) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("id", "d" + i).put("price", new BigDecimal("12.50")).putArray("tags").add("x").add(i);
        return List.of(new dev.lithair.event.EventEnvelope(dev.lithair.event.EventType.CREATED, "key-" + i, i,
                java.time.Instant.parse("2026-12-06T10:00:00Z"), "fuzzer", "Doc", "d" + i, payload));
    }

    @Property(tries = 150)
    void aRecordAlteredUnderAValidChecksumIsAppliedOrRefusedNamingItsPlace(@ForAll("recordIndex") int index,
            @ForAll("bodyChanges") List<Integer> changes) {
        inCopyOf(log, copy -> {
            Path segment = DataDirectory.at(copy).lastSegment();
            List<Frame> frames = DataDirectory.frames(segment);
            Frame altered = frames.get(index);
            byte[] body = altered.body().clone();
            for (int k = 0; k + 1 < changes.size(); k += 2) {
                body[Math.floorMod(changes.get(k), body.length)] ^= (byte) Math.max(1, changes.get(k + 1) & 0xff);
            }
            ByteBuffer frame = ByteBuffer.allocate(Frame.sizeOnDisk(body.length));
            Frame.write(frame, altered.firstSequence(), altered.eventCount(), altered.format(), body);
            DataDirectory.overwrite(segment, altered.offset(), frame.array());
            Map<String, String> before = DataDirectory.at(copy).fingerprint();

            Throwable failure = catchThrowable(() -> open(copy, StorageFormat.JSON).close());
            Statistics.label("opened").collect(failure == null ? "opened" : "refused");

            if (failure != null) {
                assertThat(failure).isInstanceOfSatisfying(LogCorruptedException.class, corrupted -> {
                    assertThat(corrupted.file()).isEqualTo(segment);
                    assertThat(frames.stream().map(Frame::offset).toList()).contains(corrupted.offset());
                    assertThat(corrupted.offset()).isGreaterThanOrEqualTo(altered.offset());
                });
                assertThat(DataDirectory.at(copy).fingerprint()).isEqualTo(before);
            }
        });
    }

    @Provide
    Arbitrary<List<Integer>> bodyChanges() {
        return Arbitraries.integers().list().ofMinSize(2).ofMaxSize(12);
    }

    // ---- snapshots -------------------------------------------------------------------------------

    /** Damage to a whole snapshot file: XORed bytes anywhere, a cut, random bytes, bytes appended. */
    record SnapshotDamage(String kind, List<Double> at, List<Integer> values) {

        byte[] applyTo(byte[] file) {
            return switch (kind) {
                case "xor" -> {
                    byte[] damaged = file.clone();
                    java.util.Set<Integer> seen = new java.util.HashSet<>();
                    for (int k = 0; k < at.size(); k++) {
                        int position = (int) (at.get(k) * file.length);
                        if (seen.add(position)) {
                            damaged[position] ^= (byte) values.get(k).intValue();
                        }
                    }
                    yield damaged;
                }
                case "cut" -> slice(file, 0, (int) (at.get(0) * file.length));
                case "append" -> concat(file, bytesOf(values));
                default -> bytesOf(values);
            };
        }
    }

    @Provide
    Arbitrary<SnapshotDamage> snapshotDamage() {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1).filter(f -> f < 1);
        return Combinators.combine(Arbitraries.of("xor", "xor", "cut", "append", "random"),
                fraction.list().ofMinSize(1).ofMaxSize(8), Arbitraries.integers().between(1, 255).list().ofMinSize(8)
                        .ofMaxSize(64))
                .as(SnapshotDamage::new);
    }

    @Property(tries = 100)
    void aDamagedSnapshotIsSkippedForThePreviousOneAndTheLog(@ForAll("snapshotDamage") SnapshotDamage damage) {
        inCopyOf(snapshotted, copy -> {
            Path newest = copy.resolve(dev.lithair.internal.snapshot.SnapshotStore.fileName(newerSnapshot));
            write(newest, damage.applyTo(DataDirectory.read(newest)));

            try (LithairStore store = open(copy, StorageFormat.BINARY)) {
                assertThat(store.recovery().snapshotSequence()).isEqualTo(olderSnapshot);
                assertThat(contents(store)).isEqualTo(snapshottedContents);
            }
        });
    }

    /**
     * Frames altered with their checksums recomputed are tampering rather than damage: the snapshot is read
     * if it still reads as a whole state covering its sequence, skipped otherwise (for the previous one
     * and the log); a state read that the log after it contradicts stops start-up at the first record
     * that cannot be applied, named by segment and offset.
     */
    @Property(tries = 100)
    void aSnapshotAlteredUnderAValidChecksumIsReadOrSkippedOrContradictedByTheLog(
            @ForAll("bodyChanges") List<Integer> changes) {
        inCopyOf(snapshotted, copy -> {
            Path newest = copy.resolve(dev.lithair.internal.snapshot.SnapshotStore.fileName(newerSnapshot));
            byte[] file = DataDirectory.read(newest);
            List<int[]> contents = frameContents(file);
            int contentBytes = contents.stream().mapToInt(range -> range[1]).sum();
            for (int k = 0; k + 1 < changes.size(); k += 2) {
                int position = Math.floorMod(changes.get(k), contentBytes);
                for (int[] range : contents) {
                    if (position < range[1]) {
                        file[range[0] + position] ^= (byte) Math.max(1, changes.get(k + 1) & 0xff);
                        break;
                    }
                    position -= range[1];
                }
            }
            for (int[] range : contents) {
                CRC32C crc = new CRC32C();
                crc.update(file, range[0], range[1]);
                ByteBuffer.wrap(file).putInt(range[0] - 4, (int) crc.getValue());
            }
            write(newest, file);

            Throwable failure = catchThrowable(() -> {
                try (LithairStore store = open(copy, StorageFormat.BINARY)) {
                    Statistics.label("snapshot").collect(store.recovery().snapshotSequence() == newerSnapshot ? "read"
                            : "skipped");
                    assertThat(store.recovery().snapshotSequence()).isIn(olderSnapshot, newerSnapshot);
                    assertThat(store.lastSequence()).isEqualTo(snapshottedContents.get("last sequence"));
                }
            });

            if (failure != null) {
                Statistics.label("snapshot").collect("contradicted by the log");
                Path segment = DataDirectory.at(copy).lastSegment();
                assertThat(failure).isInstanceOfSatisfying(LogCorruptedException.class, corrupted -> {
                    assertThat(corrupted.file()).isEqualTo(segment);
                    assertThat(DataDirectory.frames(segment).stream().filter(frame -> frame.firstSequence() > newerSnapshot)
                            .map(Frame::offset).toList()).contains(corrupted.offset());
                });
            }
        });
    }

    /** Found by the property above: the history section was restored after the snapshot was taken, with no fallback. */
    @Example
    void aSnapshotWhoseHistoryCannotBeRestoredIsSkippedForThePreviousOneAndTheLog() {
        inFreshDirectory(directory -> {
            long older;
            long newer;
            Map<String, Object> expected;
            try (LithairStore store = open(directory, StorageFormat.JSON)) {
                store.commit(commit(1));
                older = store.snapshot().join().sequence();
                store.commit(commit(2));
                newer = store.snapshot().join().sequence();
                store.commit(commit(3));
                expected = contents(store);
            }
            Path newest = directory.resolve(dev.lithair.internal.snapshot.SnapshotStore.fileName(newer));
            // An instant no reader accepts, in a history part whose frame is otherwise intact.
            write(newest, rewriteFrame(DataDirectory.read(newest), 'E',
                    content -> content.replace("\"ct\":", "\"ct\":\"not an instant\",\"x\":")));

            try (LithairStore store = open(directory, StorageFormat.JSON)) {
                assertThat(store.recovery().snapshotSequence()).isEqualTo(older);
                assertThat(contents(store)).isEqualTo(expected);
            }
        });
    }

    private static final int FRAME_HEADER_BYTES = 1 + 4 + 4;

    /** Where each frame's content starts in a snapshot file, and its length. */
    private static List<int[]> frameContents(byte[] file) {
        List<int[]> contents = new ArrayList<>();
        for (int offset = SNAPSHOT_HEADER_BYTES; offset < file.length; ) {
            int length = ByteBuffer.wrap(file).getInt(offset + 1);
            contents.add(new int[] {offset + FRAME_HEADER_BYTES, length});
            offset += FRAME_HEADER_BYTES + length;
        }
        return contents;
    }

    /**
     * The snapshot with the content of its first frame of this kind that the edit changes edited, its length
     * and checksum made right again, so that only what the content says is wrong.
     */
    private static byte[] rewriteFrame(byte[] file, char kind, java.util.function.UnaryOperator<String> edit) {
        int frameHeader = FRAME_HEADER_BYTES;
        int offset = SNAPSHOT_HEADER_BYTES;
        while (offset < file.length) {
            int length = ByteBuffer.wrap(file).getInt(offset + 1);
            String content = new String(file, offset + frameHeader, length, java.nio.charset.StandardCharsets.ISO_8859_1);
            String editedContent = edit.apply(content);
            if (file[offset] == kind && !editedContent.equals(content)) {
                byte[] edited = editedContent.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                CRC32C crc = new CRC32C();
                crc.update(edited);
                int after = offset + frameHeader + length;
                return ByteBuffer.allocate(file.length - length + edited.length).put(file, 0, offset).put(file[offset])
                        .putInt(edited.length).putInt((int) crc.getValue()).put(edited)
                        .put(file, after, file.length - after).array();
            }
            offset += frameHeader + length;
        }
        throw new AssertionError("no frame of kind " + kind + " that the edit changes");
    }

    // ---- meta.raftmeta -----------------------------------------------------------------------------

    @Property(tries = 150)
    void aDamagedMetaFileIsReadOrRefusedNamingItNeverMisread(@ForAll("snapshotDamage") SnapshotDamage damage) {
        inCopyOf(log, copy -> {
            Path meta = copy.resolve(StoreMeta.FILE_NAME);
            write(meta, damage.applyTo(DataDirectory.read(meta)));
            Map<String, String> before = DataDirectory.at(copy).fingerprint();

            Throwable failure = catchThrowable(() -> {
                try (LithairStore store = open(copy, StorageFormat.JSON)) {
                    assertThat(store.meta().formatVersion()).isEqualTo(StoreMeta.CURRENT_FORMAT_VERSION);
                    assertThat(store.meta().storeId()).isNotBlank();
                    assertThat(store.meta().createdAt()).isNotNull();
                    assertThat(contents(store)).isEqualTo(logPrefixes.get(6));
                }
            });
            Statistics.label("meta").collect(failure == null ? "read" : "refused");

            if (failure != null) {
                assertThat(failure).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(StoreMeta.FILE_NAME);
                assertThat(DataDirectory.at(copy).fingerprint()).isEqualTo(before);
            }
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void inCopyOf(Path original, Consumer<Path> test) {
        inFreshDirectory(directory -> {
            Path copy = DataDirectory.at(original).copyTo(directory.resolve("copy")).path();
            test.accept(copy);
        });
    }

    private static void inFreshDirectory(Consumer<Path> test) {
        Path directory = TestDirectories.create(fixtures, "try-");
        try {
            test.accept(directory);
        } finally {
            TestDirectories.deleteRecursively(directory);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            joined.put(part);
        }
        return joined.array();
    }

    private static byte[] bytesOf(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) values.get(k).intValue();
        }
        return bytes;
    }
}
