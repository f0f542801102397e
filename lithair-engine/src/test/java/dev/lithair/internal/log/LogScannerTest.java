package dev.lithair.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.event.StorageFormat;

class LogScannerTest {

    private static final long SEGMENT_BYTES = 4096;

    @TempDir
    Path dir;

    /** Writes {@code records} one-event records of about 200 bytes each, from sequence 1; returns the frames. */
    private List<Frame> writeLog(int records) throws IOException {
        return writeLog(1, records);
    }

    private List<Frame> writeLog(long firstSequence, int records) throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT_BYTES, false, firstSequence - 1, (f, s, t) -> { })) {
            for (long sequence = firstSequence; sequence < firstSequence + records; sequence++) {
                log.stage(sequence, 1, StorageFormat.JSON, ("record " + sequence + " " + "x".repeat(180))
                        .getBytes(StandardCharsets.UTF_8));
                log.writeStaged();
            }
        }
        List<Frame> frames = new ArrayList<>();
        LogScanner.scan(dir, firstSequence - 1, (segment, frame) -> frames.add(frame));
        return frames;
    }

    private Map<Path, byte[]> contents() throws IOException {
        Map<Path, byte[]> contents = new HashMap<>();
        for (Path file : LogScanner.segmentFiles(dir)) {
            contents.put(file, Files.readAllBytes(file));
        }
        return contents;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x01;
        Files.write(file, bytes);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    @Test
    void scanningAnIntactMultiSegmentLogVisitsEveryRecordInOrderAndFindsNoDamage() throws IOException {
        writeLog(60);
        List<Long> visited = new ArrayList<>();

        LogScanner.Result result = LogScanner.scan(dir, 0, (segment, frame) -> visited.add(frame.firstSequence()));

        assertThat(result.segments()).hasSizeGreaterThan(2);
        assertThat(visited).hasSize(60).isSorted().startsWith(1L).endsWith(60L);
        assertThat(result.records()).isEqualTo(60);
        assertThat(result.events()).isEqualTo(60);
        assertThat(result.firstSequence()).isEqualTo(1);
        assertThat(result.lastSequence()).isEqualTo(60);
        assertThat(result.intactBytes()).isEqualTo(result.totalBytes());
        assertThat(result.segments()).allSatisfy(segment -> assertThat(segment.firstSequence())
                .isEqualTo(segment.namedSequence()));
        assertThat(result.damage()).isEmpty();
        assertThat(result.intact()).isTrue();
    }

    @Test
    void aCutShortLastRecordIsATornTailAndScanningChangesNoByte() throws IOException {
        List<Frame> frames = writeLog(60);
        Path lastSegment = LogScanner.segmentFiles(dir).get(LogScanner.segmentFiles(dir).size() - 1);
        Frame last = frames.get(frames.size() - 1);
        truncate(lastSegment, Files.size(lastSegment) - 7);
        Map<Path, byte[]> before = contents();

        LogScanner.Result result = LogScanner.scan(dir, 0);

        assertThat(result.damage()).get().satisfies(damage -> {
            assertThat(damage.file()).isEqualTo(lastSegment);
            assertThat(damage.offset()).isEqualTo(last.offset());
            assertThat(damage.kind()).isEqualTo(LogScanner.DamageKind.DAMAGED_RECORD);
            assertThat(damage.reason()).startsWith("truncated frame");
            assertThat(damage.isTornTail()).isTrue();
        });
        assertThat(result.lastSequence()).isEqualTo(59);
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void aFlippedBitFollowedByIntactRecordsIsCorruptionNotATornTail() throws IOException {
        List<Frame> frames = writeLog(10);
        Path segment = LogScanner.segmentFiles(dir).get(0);
        Frame third = frames.get(2);
        flipByte(segment, third.offset() + 30);

        LogScanner.Result result = LogScanner.scan(dir, 0);

        assertThat(result.damage()).get().satisfies(damage -> {
            assertThat(damage.offset()).isEqualTo(third.offset());
            assertThat(damage.reason()).isEqualTo("checksum mismatch");
            assertThat(damage.intactRecordsFollow()).isTrue();
            assertThat(damage.isTornTail()).isFalse();
        });
        assertThat(result.records()).isEqualTo(2);
        assertThat(result.lastSequence()).isEqualTo(2);
    }

    @Test
    void aDamagedLastRecordOfASegmentIsCorruptionWhenALaterSegmentHoldsIntactRecords() throws IOException {
        writeLog(60);
        List<Path> segments = LogScanner.segmentFiles(dir);
        Path first = segments.get(0);
        truncate(first, Files.size(first) - 3);

        LogScanner.Result result = LogScanner.scan(dir, 0);

        assertThat(result.damage()).get().satisfies(damage -> {
            assertThat(damage.file()).isEqualTo(first);
            assertThat(damage.intactRecordsFollow()).isTrue();
            assertThat(damage.isTornTail()).isFalse();
        });
        assertThat(result.notScanned()).containsExactlyElementsOf(segments.subList(1, segments.size()));
    }

    @Test
    void aMissingMiddleSegmentIsASequenceBreakAtTheStartOfTheNextOne() throws IOException {
        writeLog(60);
        List<Path> segments = LogScanner.segmentFiles(dir);
        Files.delete(segments.get(1));
        long missingFrom = LogScanner.scan(dir, 0).segments().get(0).lastSequence() + 1;

        LogScanner.Result result = LogScanner.scan(dir, 0);

        assertThat(result.damage()).get().satisfies(damage -> {
            assertThat(damage.file()).isEqualTo(segments.get(2));
            assertThat(damage.offset()).isZero();
            assertThat(damage.kind()).isEqualTo(LogScanner.DamageKind.SEQUENCE_BREAK);
            assertThat(damage.reason()).startsWith("expected sequence " + missingFrom + " but found ");
            assertThat(damage.isTornTail()).isFalse();
        });
    }

    @Test
    void aLogStartingAfterSequenceOneIsIntactOnlyWhenTheSnapshotCoversTheEventsBeforeIt() throws IOException {
        writeLog(41, 5);

        LogScanner.Result covered = LogScanner.scan(dir, 40);
        LogScanner.Result uncovered = LogScanner.scan(dir, 30);

        assertThat(covered.intact()).isTrue();
        assertThat(covered.coveredGaps()).containsExactly(new LogScanner.CoveredGap(1, 40));
        assertThat(covered.firstSequence()).isEqualTo(41);
        assertThat(uncovered.damage()).get().satisfies(damage -> {
            assertThat(damage.kind()).isEqualTo(LogScanner.DamageKind.SEQUENCE_BREAK);
            assertThat(damage.reason()).contains("events 31..40 are missing");
        });
    }

    @Test
    void aSegmentWhoseFirstRecordDoesNotMatchItsNameIsASequenceBreak() throws IOException {
        writeLog(3);
        Path segment = LogScanner.segmentFiles(dir).get(0);
        Files.move(segment, dir.resolve(SegmentedLog.segmentFileName(2)));

        LogScanner.Result result = LogScanner.scan(dir, 1);

        assertThat(result.damage()).get().extracting(LogScanner.Damage::reason)
                .isEqualTo("first record has sequence 1 but the segment is named after 2");
    }

    @Test
    void theVisitorCanEndTheScanEarly() throws IOException {
        writeLog(20);
        List<Long> visited = new ArrayList<>();

        LogScanner.Result result = LogScanner.scan(dir, 0, (segment, frame) -> {
            visited.add(frame.firstSequence());
            return visited.size() < 5;
        });

        assertThat(visited).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(result.stoppedByVisitor()).isTrue();
        assertThat(result.damage()).isEmpty();
        assertThat(result.intact()).isFalse();
    }

    @Test
    void whatTheScannerCallsATornTailIsWhatOpeningTheLogTruncates() throws IOException {
        List<Frame> frames = writeLog(60);
        Path lastSegment = LogScanner.segmentFiles(dir).get(LogScanner.segmentFiles(dir).size() - 1);
        truncate(lastSegment, Files.size(lastSegment) - 7);
        LogScanner.Damage damage = LogScanner.scan(dir, 0).damage().orElseThrow();

        try (SegmentedLog opened = SegmentedLog.open(dir, SEGMENT_BYTES, false, 0, (f, s, t) -> { })) {
            assertThat(opened.openResult().truncatedBytes()).isPositive();
        }

        assertThat(Files.size(lastSegment)).isEqualTo(damage.offset());
        assertThat(LogScanner.scan(dir, 0).intact()).isTrue();
        assertThat(LogScanner.scan(dir, 0).lastSequence()).isEqualTo(frames.get(frames.size() - 2).lastSequence());
    }
}
