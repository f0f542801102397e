package dev.lithair.cli;

import static dev.lithair.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class LithairCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String FIRST_SEGMENT = "events-00000000000000000001.raftlog";

    @TempDir
    Path dir;


    private StoreOptions options(StorageFormat format) {
        return StoreOptions.defaults(dir).withFormat(format).withClock(CLOCK).withFsyncPolicy(FsyncPolicy.NEVER);
    }

    private static ObjectNode fields(Object... namesAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value instanceof Number number) {
                node.put((String) namesAndValues[i], number.doubleValue());
            } else {
                node.put((String) namesAndValues[i], (String) value);
            }
        }
        return node;
    }

    /**
     * Six commits, seven events: three products created, one updated, one deleted, and one order
     * created together with a product update in a single batch. Returns the events in order.
     */
    private List<EventEnvelope> writeShop(StorageFormat format) {
        List<EventEnvelope> events = new ArrayList<>();
        try (LithairStore store = LithairStore.open(options(format))) {
            events.addAll(put(store, "Product", "p1", fields("name", "Lamp", "price", 10)));
            events.addAll(put(store, "Product", "p2", fields("name", "Desk", "price", 99)));
            events.addAll(put(store, "Product", "p3", fields("name", "Chair", "price", 45)));
            events.addAll(put(store, "Product", "p1", fields("name", "Lamp", "price", 12)));
            events.addAll(store.commit(Commit.of(new Operation.Delete("Product", "p2"))).events());
            events.addAll(store.commit(new Commit("order-1", "alice", List.of(
                    new Operation.Put("Order", "o1", fields("product", "p3", "total", 45)),
                    new Operation.Put("Product", "p3", fields("name", "Chair", "price", 40))))).events());
        }
        assertThat(events).hasSize(7);
        return events;
    }

    private static List<EventEnvelope> put(LithairStore store, String type, String id, ObjectNode fields) {
        return store.commit(Commit.of(new Operation.Put(type, id, fields))).events();
    }

    private static List<String> jsonLines(List<EventEnvelope> events) {
        RecordCodec codec = new RecordCodec(StorageFormat.JSON);
        return events.stream().map(event -> codec.json().writeValueAsString(event)).toList();
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private List<Frame> frames() throws IOException {
        List<Frame> frames = new ArrayList<>();
        LogScanner.scan(dir, 0, (segment, frame) -> frames.add(frame));
        return frames;
    }

    private Map<Path, byte[]> contents() throws IOException {
        Map<Path, byte[]> contents = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file, Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x10;
        Files.write(file, bytes);
    }

    // ---- verify ----

    @Test
    void verifyOfAnIntactDirectoryPrintsItsCountsAndExitsZero() {
        writeShop(StorageFormat.JSON);

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .containsPattern("(?m)^meta\\.raftmeta\\s+format version 1, store [0-9a-f-]{36}, created ")
                .containsPattern("(?m)^snapshots\\s+0$")
                .containsPattern("(?m)^segments\\s+1$")
                .containsPattern("(?m)^  " + FIRST_SEGMENT + "  sequences 1\\.\\.7  6 records  \\d+ bytes$")
                .containsPattern("(?m)^records\\s+6$")
                .containsPattern("(?m)^events\\s+7$")
                .containsPattern("(?m)^first sequence\\s+1$")
                .containsPattern("(?m)^last sequence\\s+7$")
                .containsPattern("(?m)^  Order\\s+1$")
                .containsPattern("(?m)^  Product\\s+6$")
                .containsPattern("(?m)^  CREATED\\s+4$")
                .containsPattern("(?m)^  UPDATED\\s+2$")
                .containsPattern("(?m)^  DELETED\\s+1$")
                .containsPattern("(?m)^status\\s+intact$");
    }

    @Test
    void verifyReportsBytesAsTheSizeOfTheSegmentFiles() throws IOException {
        writeShop(StorageFormat.BINARY);
        long size = Files.size(dir.resolve(FIRST_SEGMENT));

        CliRun run = cli("verify", dir.toString());

        assertThat(run.out()).containsPattern("(?m)^bytes\\s+" + size + " \\(" + size + " in intact records\\)$");
    }

    @Test
    void verifyOfTheDirectoryOfAStoreStillOpenCountsItsFillAsPreallocatedAndIntact() throws IOException {
        try (LithairStore store = LithairStore.open(options(StorageFormat.BINARY))) {
            put(store, "Product", "p1", fields("name", "Lamp", "price", 10));
            long records = frames().get(0).sizeOnDisk();
            long size = Files.size(dir.resolve(FIRST_SEGMENT));
            assertThat(size).isGreaterThan(records);

            CliRun run = cli("verify", dir.toString());

            assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
            assertThat(run.out())
                    .containsPattern("(?m)^  " + FIRST_SEGMENT + "  sequences 1\\.\\.1  1 records  " + size
                            + " bytes  \\(" + (size - records) + " of them preallocated, not written yet\\)$")
                    .containsPattern("(?m)^bytes\\s+" + size + " \\(" + records + " in intact records\\)$")
                    .containsPattern("(?m)^status\\s+intact$");
        }
    }

    @Test
    void verifyListsSnapshotsWithTheirSequencesAndAcceptsALogCompactedUpToThem() {
        try (LithairStore store = LithairStore.open(options(StorageFormat.JSON))) {
            put(store, "Product", "p1", fields("name", "Lamp"));
            put(store, "Product", "p2", fields("name", "Desk"));
            store.compact().join();
            put(store, "Product", "p3", fields("name", "Chair"));
            store.snapshot().join();
            store.commit(Commit.of(new Operation.Delete("Product", "p1")));
        }

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(run.out())
                .containsPattern("(?m)^snapshots\\s+2$")
                .containsPattern("(?m)^  state-00000000000000000002\\.raftsnap  sequence 2  \\d+ bytes  ok$")
                .containsPattern("(?m)^  state-00000000000000000003\\.raftsnap  sequence 3  \\d+ bytes  ok$")
                .containsPattern("(?m)^first sequence\\s+3$")
                .containsPattern("(?m)^last sequence\\s+4$")
                .containsPattern("(?m)^covered by snapshot\\s+sequences 1\\.\\.2 are not in the log")
                .containsPattern("(?m)^opening replays\\s+the log after snapshot 3$")
                .containsPattern("(?m)^status\\s+intact$");
    }

    @Test
    void verifyOfATornTailExitsOneSaysTheStoreWillTruncateItAndChangesNothing() throws IOException {
        writeShop(StorageFormat.JSON);
        Path segment = dir.resolve(FIRST_SEGMENT);
        long lastRecordOffset = frames().get(5).offset();
        truncate(segment, Files.size(segment) - 5);
        Map<Path, byte[]> before = contents();

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.TORN_TAIL);
        assertThat(run.err()).startsWith("torn tail at " + FIRST_SEGMENT + " offset " + lastRecordOffset
                + ": the store will truncate it on next open (truncated frame");
        assertThat(run.out())
                .containsPattern("(?m)^records\\s+5$")
                .containsPattern("(?m)^last sequence\\s+5$")
                .containsPattern("(?m)^status\\s+torn tail$");
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void aTornTailVerifyReportedIsExactlyWhatOpeningTheStoreTruncates() throws IOException {
        writeShop(StorageFormat.JSON);
        Path segment = dir.resolve(FIRST_SEGMENT);
        long lastRecordOffset = frames().get(5).offset();
        truncate(segment, Files.size(segment) - 5);

        try (LithairStore reopened = LithairStore.open(options(StorageFormat.JSON))) {
            assertThat(reopened.lastSequence()).isEqualTo(5);
        }

        assertThat(Files.size(segment)).isEqualTo(lastRecordOffset);
        assertThat(cli("verify", dir.toString()).exitCode()).isEqualTo(LithairCli.OK);
    }

    @Test
    void verifyOfABitFlippedInTheMiddleOfTheLogExitsTwoWithTheFileAndOffset() throws IOException {
        writeShop(StorageFormat.JSON);
        Path segment = dir.resolve(FIRST_SEGMENT);
        Frame second = frames().get(1);
        flipByte(segment, second.offset() + Frame.PREFIX_BYTES + Frame.CHECKED_HEADER_BYTES + 5);
        Map<Path, byte[]> before = contents();

        CliRun run = cli("verify", dir.toString());

        assertThat(second.offset()).isPositive();
        assertThat(run.exitCode()).isEqualTo(LithairCli.CORRUPT);
        assertThat(run.err()).isEqualTo("corruption at " + FIRST_SEGMENT + " offset " + second.offset()
                + ": checksum mismatch, and intact records follow: this is not a torn tail" + System.lineSeparator());
        assertThat(run.out())
                .containsPattern("(?m)^  " + FIRST_SEGMENT + "  sequences 1\\.\\.1  1 records  \\d+ bytes  "
                        + "damaged at offset " + second.offset() + "$")
                .containsPattern("(?m)^records\\s+1$")
                .containsPattern("(?m)^status\\s+corrupt$");
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void verifyOfADamagedSnapshotExitsTwoAndNamesIt() throws IOException {
        try (LithairStore store = LithairStore.open(options(StorageFormat.BINARY))) {
            put(store, "Product", "p1", fields("name", "Lamp"));
            store.snapshot().join();
        }
        Path snapshot = dir.resolve(SnapshotStore.fileName(1));
        flipByte(snapshot, Files.size(snapshot) - 2); // inside the last frame's content

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.CORRUPT);
        assertThat(run.out())
                .containsPattern("(?m)^  state-00000000000000000001\\.raftsnap  sequence 1  \\d+ bytes  "
                        + "damaged: checksum mismatch in the frame at offset \\d+$")
                .containsPattern("(?m)^opening replays\\s+the whole log$")
                .containsPattern("(?m)^status\\s+corrupt$");
        assertThat(run.err()).startsWith("corruption at state-00000000000000000001.raftsnap: checksum mismatch");
    }

    @Test
    void verifyOfALogMissingASegmentExitsTwoWithTheSequenceBreak() throws IOException {
        try (LithairStore store = LithairStore.open(options(StorageFormat.JSON).withSegmentBytes(4096))) {
            for (int i = 0; i < 80; i++) {
                put(store, "Product", "p" + i, fields("name", "x".repeat(100)));
            }
        }
        List<Path> segments = LogScanner.segmentFiles(dir);
        assertThat(segments).hasSizeGreaterThan(3);
        Files.delete(segments.get(1));

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.CORRUPT);
        assertThat(run.err())
                .startsWith("corruption at " + segments.get(2).getFileName() + " offset 0: expected sequence ");
        assertThat(run.out()).contains("not read (after the damage)");
    }

    @Test
    void verifyOfAnUnreadableMetaFileExitsTwo() throws IOException {
        writeShop(StorageFormat.JSON);
        Files.writeString(dir.resolve("meta.raftmeta"), "{not json");

        CliRun run = cli("verify", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.CORRUPT);
        assertThat(run.err()).startsWith("corruption at meta.raftmeta: ");
    }

    // ---- inspect ----

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void inspectPrintsEveryEventAsOneJsonLineWhateverTheStorageFormat(StorageFormat format) {
        List<EventEnvelope> events = writeShop(format);

        CliRun run = cli("inspect", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(run.err()).isEmpty();
        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events));
        assertThat(lines(run.out()).get(3)).isEqualTo("{\"eventType\":\"UPDATED\",\"eventId\":\"Product:p1:4\","
                + "\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:05Z\",\"actor\":null,\"entityType\":\"Product\","
                + "\"entityId\":\"p1\",\"payload\":{\"price\":{\"old\":10.0,\"new\":12.0}}}");
    }

    @Test
    void inspectReadsALogWrittenPartlyInJsonAndPartlyInBinary() {
        List<EventEnvelope> events = new ArrayList<>();
        try (LithairStore store = LithairStore.open(options(StorageFormat.JSON))) {
            events.addAll(put(store, "Product", "p1", fields("name", "Lamp")));
        }
        try (LithairStore store = LithairStore.open(options(StorageFormat.BINARY))) {
            events.addAll(put(store, "Product", "p2", fields("name", "Desk")));
        }

        CliRun run = cli("inspect", dir.toString());

        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events));
    }

    @Test
    void inspectWithTypePrintsOnlyThatEntityType() {
        List<EventEnvelope> events = writeShop(StorageFormat.JSON);

        CliRun run = cli("inspect", dir.toString(), "--type", "Order");

        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events.subList(5, 6)));
    }

    @Test
    void inspectWithFromStartsAtThatSequenceEvenInsideABatch() {
        List<EventEnvelope> events = writeShop(StorageFormat.BINARY);

        CliRun run = cli("inspect", dir.toString(), "--from=7");

        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events.subList(6, 7)));
    }

    @Test
    void inspectCombinesFromTypeAndLimit() {
        List<EventEnvelope> events = writeShop(StorageFormat.JSON);

        CliRun run = cli("inspect", "--from", "2", "--type", "Product", "--limit", "3", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events.subList(1, 4)));
    }

    @Test
    void inspectOfATornTailPrintsTheIntactEventsAndExitsOne() throws IOException {
        List<EventEnvelope> events = writeShop(StorageFormat.JSON);
        Path segment = dir.resolve(FIRST_SEGMENT);
        truncate(segment, Files.size(segment) - 5);

        CliRun run = cli("inspect", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.TORN_TAIL);
        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(events.subList(0, 5)));
        assertThat(run.err()).startsWith("torn tail at " + FIRST_SEGMENT + " offset ");
    }

    @Test
    void inspectOfACompactedLogSaysOnStderrThatEarlierEventsAreOnlyInTheSnapshot() {
        List<EventEnvelope> later = new ArrayList<>();
        try (LithairStore store = LithairStore.open(options(StorageFormat.JSON))) {
            put(store, "Product", "p1", fields("name", "Lamp"));
            store.compact().join();
            later.addAll(put(store, "Product", "p2", fields("name", "Desk")));
        }

        CliRun run = cli("inspect", dir.toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(lines(run.out())).containsExactlyElementsOf(jsonLines(later));
        assertThat(run.err()).contains("events before sequence 2 are no longer in the log");
    }

    // ---- arguments ----

    @Test
    void noArgumentsOrHelpPrintUsageOnStdoutAndExitZero() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"inspect", "-h"})) {
            CliRun run = cli(args);

            assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
            assertThat(run.out()).startsWith("Usage: java -jar lithair-engine-<version>-cli.jar");
            assertThat(run.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"repair DIR", "verify", "verify DIR DIR", "verify DIR --limit 3", "inspect DIR --limit",
            "inspect DIR --limit many", "inspect DIR --from 0", "inspect DIR --colour red", "inspect DIR --type="})
    void badArgumentsPrintUsageOnStderrAndExitSixtyFour(String line) {
        String[] args = line.replace("DIR", dir.toString()).split(" ");

        CliRun run = cli(args);

        assertThat(run.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("lithair: ").contains("Usage: java -jar");
    }

    @Test
    void aDirectoryThatDoesNotExistOrHoldsNoLithairDataIsABadArgument() {
        CliRun missing = cli("verify", dir.resolve("nope").toString());
        CliRun empty = cli("inspect", dir.toString());

        assertThat(missing.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(missing.err()).contains("is not a directory");
        assertThat(empty.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(empty.err()).contains("holds no Lithair data");
    }
}
