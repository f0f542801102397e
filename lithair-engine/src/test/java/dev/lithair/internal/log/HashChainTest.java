package dev.lithair.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.event.StorageFormat;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class HashChainTest {

    private static final RecordCodec CODEC = new RecordCodec(StorageFormat.JSON);

    @TempDir
    Path dir;

    private StoreOptions chained() {
        return StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0)
                .withHashChain(true);
    }

    private static ObjectNode product(String name, int price) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("price", price);
    }

    private static void put(LithairStore store, String id, int price) {
        store.commit(Commit.of(new Operation.Put("Product", id, product("Item " + id, price))));
    }

    private static LogRecord decode(Frame frame) {
        return CODEC.decode(frame.format(), frame.body(), 0, frame.body().length);
    }

    private static Path onlySegment(Path directory) {
        List<Path> segments = LogFiles.segments(directory);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    /** Changes the price of the product in a record's first event: a forgery with a valid CRC. */
    private static byte[] withPrice(byte[] body, int price) {
        ObjectNode record = (ObjectNode) CODEC.json().readTree(body);
        ((ObjectNode) record.get("events").get(0).get("payload")).put("price", price);
        return CODEC.json().writeValueAsBytes(record);
    }

    @Test
    void withoutTheOptionRecordsCarryNoPreviousHash() throws Exception {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER))) {
            put(store, "p1", 10);
            put(store, "p2", 20);
        }

        Frame first = LogFiles.allFrames(dir).get(0);
        assertThat(new String(first.body())).doesNotContain("previousHash");
        assertThat(decode(first).previousHash()).isNull();
        assertThat(HashChain.verify(dir)).isEqualTo(new HashChain.Report(2, 0, 2, 0, 2,
                HashChain.hashOf(LogFiles.allFrames(dir).get(1))));
    }

    @Test
    void aRecordsHashIsTheSha256OfTheBytesItsChecksumCovers() throws Exception {
        try (LithairStore store = LithairStore.open(chained())) {
            put(store, "p1", 10);
        }
        byte[] file = Files.readAllBytes(onlySegment(dir));
        int checkedLength = ByteBuffer.wrap(file, 0, 4).getInt();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(file, Frame.PREFIX_BYTES, checkedLength);

        assertThat(HashChain.hashOf(LogFiles.allFrames(dir).get(0))).isEqualTo(HexFormat.of().formatHex(sha256.digest()))
                .hasSize(64);
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void anIntactChainLinksEveryRecordAcrossRestartsAndOpens(StorageFormat format) throws Exception {
        try (LithairStore store = LithairStore.open(chained().withFormat(format))) {
            put(store, "p1", 10);
            put(store, "p2", 20);
            put(store, "p1", 11);
        }
        try (LithairStore reopened = LithairStore.open(chained().withFormat(format))) {
            put(reopened, "p3", 30);
            reopened.commit(Commit.of(new Operation.Put("Product", "p4", product("Lamp", 40)),
                    new Operation.Delete("Product", "p2")));
        }

        List<Frame> frames = LogFiles.allFrames(dir);
        assertThat(frames).hasSize(5);
        assertThat(decode(frames.get(0)).previousHash()).isEqualTo(HashChain.GENESIS);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(decode(frames.get(i)).previousHash()).as("record %d", i).isEqualTo(HashChain.hashOf(frames.get(i - 1)));
        }
        assertThat(HashChain.verify(dir)).isEqualTo(new HashChain.Report(5, 5, 0, 0, 6, HashChain.hashOf(frames.get(4))));
        try (LithairStore reopened = LithairStore.open(chained().withFormat(format))) {
            assertThat(reopened.lastSequence()).isEqualTo(6);
            assertThat(reopened.get("Product", "p4")).contains(product("Lamp", 40));
        }
    }

    @Test
    void aRecordAlteredWithItsChecksumRecomputedIsDetectedAtTheNextRecord() throws Exception {
        try (LithairStore store = LithairStore.open(chained())) {
            put(store, "p1", 10);
            put(store, "p2", 20);
            put(store, "p3", 30);
            put(store, "p4", 40);
        }
        Path segment = onlySegment(dir);

        LogFiles.forge(segment, 1, body -> withPrice(body, 2));

        List<Frame> forged = LogFiles.frames(segment);
        assertThat(forged).as("the forgery passes the checksum").hasSize(4);
        assertThat(decode(forged.get(1)).events().get(0).payload().get("price").asInt()).isEqualTo(2);
        String expectedMessage = segment.getFileName() + " at byte offset " + forged.get(2).offset()
                + ": hash chain broken at the record of sequence 3";
        assertThatThrownBy(() -> LithairStore.open(chained())).isInstanceOf(LogCorruptedException.class)
                .hasMessageStartingWith(expectedMessage)
                .hasMessageContaining("was altered, removed or inserted")
                .satisfies(e -> assertThat(((LogCorruptedException) e).file()).isEqualTo(segment));
        assertThatThrownBy(() -> LithairStore.open(chained().withHashChain(false)))
                .as("links present in the log are checked whatever the option says now")
                .isInstanceOf(LogCorruptedException.class).hasMessageStartingWith(expectedMessage);
        assertThatThrownBy(() -> HashChain.verify(dir)).isInstanceOf(LogCorruptedException.class)
                .hasMessageStartingWith(expectedMessage);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = dev.lithair.cli.LithairCli.run(new String[] {"verify", dir.toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(exit).as("the CLI's verify reports the forgery as corruption").isEqualTo(2);
        assertThat(out.toString()).contains("hash chain             BROKEN");
        assertThat(err.toString()).contains("hash chain broken: " + expectedMessage);
    }

    @Test
    void aBrokenLinkFarBeforeATornTailStopsStartUpAtTheLinkAndLeavesTheTailUntruncated() throws Exception {
        // Enough records for replay to decode several batches ahead of the record it applies, the broken
        // link among the last ones: replay reaches the torn tail before it applies the record after the link.
        try (LithairStore store = LithairStore.open(chained())) {
            for (int i = 1; i <= 1500; i++) {
                put(store, "p" + i, i);
            }
        }
        Path segment = onlySegment(dir);
        LogFiles.forge(segment, 1399, body -> withPrice(body, 2));
        List<Frame> frames = LogFiles.frames(segment);
        Files.write(segment, new byte[] {0, 0, 1, 0, 7}, java.nio.file.StandardOpenOption.APPEND);
        long sizeWithTornTail = Files.size(segment);

        assertThatThrownBy(() -> LithairStore.open(chained())).isInstanceOf(LogCorruptedException.class)
                .hasMessageStartingWith(segment.getFileName() + " at byte offset " + frames.get(1400).offset()
                        + ": hash chain broken at the record of sequence 1401");
        assertThat(Files.size(segment)).as("nothing after the broken link was acted upon").isEqualTo(sizeWithTornTail);
    }

    @Test
    void withoutTheChainTheSameForgeryGoesUnnoticed() {
        try (LithairStore store = LithairStore.open(chained().withHashChain(false))) {
            put(store, "p1", 10);
            put(store, "p2", 20);
            put(store, "p3", 30);
        }

        LogFiles.forge(onlySegment(dir), 1, body -> withPrice(body, 2));

        try (LithairStore reopened = LithairStore.open(chained().withHashChain(false))) {
            assertThat(reopened.get("Product", "p2")).contains(product("Item p2", 2));
        }
    }

    @Test
    void afterCompactionTheFirstRemainingRecordIsCheckedAgainstTheHashTheSnapshotKept() throws Exception {
        try (LithairStore store = LithairStore.open(chained())) {
            put(store, "p1", 10);
            put(store, "p2", 20);
            store.compact().join();
            put(store, "p3", 30);
            put(store, "p1", 12);
        }
        try (LithairStore reopened = LithairStore.open(chained())) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(2);
            put(reopened, "p4", 40);
        }
        Path segment = onlySegment(dir);
        List<Frame> frames = LogFiles.frames(segment);
        assertThat(frames.get(0).firstSequence()).isEqualTo(3);
        HashChain.Report report = HashChain.verify(dir);
        assertThat(report.linksVerified()).isEqualTo(2);
        assertThat(report.unanchored()).as("its predecessor is only in the snapshot").isEqualTo(1);

        String knownToTheSnapshot = decode(frames.get(0)).previousHash();
        LogFiles.forge(segment, 0, body -> {
            ObjectNode record = (ObjectNode) CODEC.json().readTree(body);
            record.put("previousHash", knownToTheSnapshot.replace(knownToTheSnapshot.charAt(0),
                    knownToTheSnapshot.charAt(0) == 'a' ? 'b' : 'a'));
            return CODEC.json().writeValueAsBytes(record);
        });

        assertThatThrownBy(() -> LithairStore.open(chained())).isInstanceOf(LogCorruptedException.class)
                .hasMessageStartingWith(segment.getFileName() + " at byte offset 0: hash chain broken at the record of "
                        + "sequence 3");
    }

    @Test
    void turningTheChainOnLinksTheFirstNewRecordToTheLastOldOne() throws Exception {
        try (LithairStore store = LithairStore.open(chained().withHashChain(false))) {
            put(store, "p1", 10);
            put(store, "p2", 20);
        }
        try (LithairStore store = LithairStore.open(chained())) {
            put(store, "p3", 30);
        }
        try (LithairStore store = LithairStore.open(chained().withHashChain(false))) {
            put(store, "p4", 40);
        }
        try (LithairStore reopened = LithairStore.open(chained())) {
            assertThat(reopened.lastSequence()).isEqualTo(4);
        }

        List<Frame> frames = LogFiles.allFrames(dir);
        assertThat(decode(frames.get(2)).previousHash()).isEqualTo(HashChain.hashOf(frames.get(1)));
        HashChain.Report report = HashChain.verify(dir);
        assertThat(report.linksVerified()).isEqualTo(1);
        assertThat(report.unchained()).isEqualTo(3);
    }

    @Test
    void aVerifierChecksLinksOnlyWhereItKnowsThePredecessor() {
        Frame first = new Frame(0, 1, 2, StorageFormat.JSON, "{\"a\":1}".getBytes());
        Frame second = new Frame(40, 3, 1, StorageFormat.JSON, "{\"b\":2}".getBytes());
        Frame afterAGap = new Frame(80, 10, 1, StorageFormat.JSON, "{\"c\":3}".getBytes());
        HashChain.Verifier verifier = new HashChain.Verifier(9, "f".repeat(64));

        verifier.check(first, HashChain.GENESIS);
        verifier.check(second, HashChain.hashOf(first));
        verifier.check(afterAGap, "f".repeat(64));

        assertThat(verifier.report()).isEqualTo(new HashChain.Report(3, 3, 0, 0, 10, HashChain.hashOf(afterAGap)));
        HashChain.Verifier strict = new HashChain.Verifier();
        strict.check(first, HashChain.GENESIS);
        assertThatThrownBy(() -> strict.check(second, HashChain.GENESIS)).isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("record of sequence 3").satisfies(e ->
                        assertThat(((LogCorruptedException) e).file()).isNull());
        HashChain.Verifier unanchored = new HashChain.Verifier();
        unanchored.check(afterAGap, "e".repeat(64));
        assertThat(unanchored.report().unanchored()).isEqualTo(1);
    }
}
