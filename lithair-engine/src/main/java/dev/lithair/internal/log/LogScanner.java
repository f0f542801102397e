package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the log of a data directory without changing anything: every segment in order, every
 * intact record handed to a visitor, and the first damage found described instead of repaired.
 *
 * <p>This class owns the log's recovery rules, and both the store and the CLI follow them:
 * {@link SegmentedLog#open} scans with it and acts on what it finds, {@code verify} and {@code inspect}
 * report it. A damaged record after which nothing intact follows is a <em>torn tail</em> (opening
 * truncates it); a damaged record followed by intact ones, a segment whose first record does not match
 * its name, or a break in sequences not covered by the snapshot state starts from is <em>corruption</em>
 * (opening refuses to start). A scan stops at the first damage: what follows it is not part of the
 * recoverable log. It also owns the segments' names, {@code events-<firstSequence>.raftlog}.
 *
 * <p>Thread-safe: stateless; each scan opens its own readers. Scanning the directory of a running
 * store is allowed but sees a moment of a moving log: a record being written may look like a torn tail,
 * and compaction may delete a segment mid-scan. Scan a closed store for exact results.
 */
public final class LogScanner {

    /** A segment's name: the sequence of its first record, on 20 digits. */
    private static final Pattern SEGMENT_NAME = Pattern.compile("events-(\\d{20})\\.raftlog");

    /** Receives each intact, in-sequence record, in log order. */
    @FunctionalInterface
    public interface FrameVisitor {
        /**
         * @param segment the segment file holding the record
         * @param frame   the record, its checksum verified and its sequence checked
         * @return {@code true} to go on, {@code false} to end the scan here
         */
        boolean visit(Path segment, Frame frame);
    }

    /** What a scan found wrong first. */
    public enum DamageKind {
        /** The bytes at the offset are not an intact record: bad length, short file or checksum mismatch. */
        DAMAGED_RECORD,
        /** An intact record has a sequence the log cannot have there. */
        SEQUENCE_BREAK
    }

    /**
     * The first damage found.
     *
     * @param file               the segment file
     * @param offset             byte offset of the damaged or misplaced record in {@code file}
     * @param kind               what is wrong
     * @param reason             a sentence saying what is wrong
     * @param intactRecordsFollow for a damaged record, whether any intact record starts after it, in the same
     *                           file or a later segment; always {@code true} for a sequence break
     */
    public record Damage(Path file, long offset, DamageKind kind, String reason, boolean intactRecordsFollow) {

        /** Damage that opening the store repairs by truncating the file at {@link #offset()}. */
        public boolean isTornTail() {
            return kind == DamageKind.DAMAGED_RECORD && !intactRecordsFollow;
        }
    }

    /**
     * One segment as far as it was scanned.
     *
     * @param file          the segment file
     * @param namedSequence the sequence in its name, which its first record must have
     * @param sizeBytes     the file's size
     * @param records       intact records read
     * @param events        events in those records
     * @param intactBytes   bytes of those records, from the start of the file
     * @param firstSequence first sequence read, 0 when none
     * @param lastSequence  last sequence read, 0 when none
     */
    public record SegmentScan(Path file, long namedSequence, long sizeBytes, long records, long events,
            long intactBytes, long firstSequence, long lastSequence) {
    }

    /**
     * Sequences absent from the log that the snapshot state starts from covers: those before the log's
     * first record after compaction, or those a log written without fsync lost behind a newer snapshot.
     */
    public record CoveredGap(long fromSequence, long toSequence) {
    }

    /**
     * What a scan found.
     *
     * @param segments      the segments read, in order, the last one possibly only in part
     * @param notScanned    segments after the damage (or after the visitor stopped), not read
     * @param records       intact records read
     * @param events        events in those records
     * @param intactBytes   bytes of those records
     * @param totalBytes    size of all segment files
     * @param firstSequence first sequence in the log, 0 when no record was read
     * @param lastSequence  last sequence in the log, 0 when no record was read
     * @param coveredGaps   sequences missing from the log but covered by the snapshot sequence given
     * @param damage        the first damage, when the scan found one
     * @param stoppedByVisitor whether the visitor ended the scan before the end of the log
     */
    public record Result(List<SegmentScan> segments, List<Path> notScanned, long records, long events,
            long intactBytes, long totalBytes, long firstSequence, long lastSequence, List<CoveredGap> coveredGaps,
            Optional<Damage> damage, boolean stoppedByVisitor) {

        public Result {
            segments = List.copyOf(segments);
            notScanned = List.copyOf(notScanned);
            coveredGaps = List.copyOf(coveredGaps);
        }

        /** Whether the whole log was read and nothing is wrong with it. */
        public boolean intact() {
            return damage.isEmpty() && !stoppedByVisitor;
        }
    }

    private LogScanner() {
    }

    /** The file name of the segment whose first record has {@code firstSequence}. */
    public static String segmentFileName(long firstSequence) {
        return String.format("events-%020d.raftlog", firstSequence);
    }

    /** The segment files of {@code directory}, oldest first. */
    public static List<Path> segmentFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(path -> SEGMENT_NAME.matcher(path.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort((a, b) -> Long.compare(namedSequence(a), namedSequence(b)));
        return files;
    }

    /** Scans the whole log, checking records and sequences; see the class description. */
    public static Result scan(Path directory, long snapshotSequence) throws IOException {
        return scan(directory, snapshotSequence, (segment, frame) -> true);
    }

    /**
     * Scans the log of {@code directory}, handing every intact, in-sequence record to {@code visitor}
     * until the end of the log, the first damage, or the visitor asks to stop.
     *
     * @param snapshotSequence last sequence covered by the snapshot the store would start from, 0 when none:
     *                         sequences up to it need not be in the log
     */
    public static Result scan(Path directory, long snapshotSequence, FrameVisitor visitor) throws IOException {
        List<Path> files = segmentFiles(directory);
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        Scan scan = new Scan(snapshotSequence, visitor);
        for (int i = 0; i < files.size(); i++) {
            boolean goOn = scan.segment(files.get(i), files.subList(i + 1, files.size()));
            if (!goOn) {
                return scan.result(files.subList(i + 1, files.size()), totalBytes);
            }
        }
        return scan.result(List.of(), totalBytes);
    }

    /** The sequence a segment's name says its first record has. */
    public static long namedSequence(Path file) {
        Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(file + " is not a log segment");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Whether any intact record starts anywhere in one of {@code files}. */
    private static boolean anyIntactRecordIn(List<Path> files) throws IOException {
        for (Path file : files) {
            try (SegmentReader reader = new SegmentReader(file)) {
                if (reader.fileSize() > 0
                        && (reader.next() instanceof SegmentReader.Valid || reader.hasIntactFrameAfter(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The state of one scan: counts so far and the sequence the next record must have. */
    private static final class Scan {
        private final long snapshotSequence;
        private final FrameVisitor visitor;
        private final List<SegmentScan> segments = new ArrayList<>();
        private final List<CoveredGap> coveredGaps = new ArrayList<>();
        private long expected = -1;
        private long records;
        private long events;
        private long intactBytes;
        private long firstSequence;
        private Damage damage;
        private boolean stoppedByVisitor;

        Scan(long snapshotSequence, FrameVisitor visitor) {
            this.snapshotSequence = snapshotSequence;
            this.visitor = visitor;
        }

        /** Scans one segment; false when the scan ends in it. */
        boolean segment(Path file, List<Path> later) throws IOException {
            long named = namedSequence(file);
            long segmentRecords = 0;
            long segmentEvents = 0;
            long segmentBytes = 0;
            long segmentFirst = 0;
            long segmentLast = 0;
            long size;
            try (SegmentReader reader = new SegmentReader(file)) {
                size = reader.fileSize();
                while (damage == null && !stoppedByVisitor) {
                    SegmentReader.Result next = reader.next();
                    if (next instanceof SegmentReader.End) {
                        break;
                    }
                    if (next instanceof SegmentReader.Damaged damaged) {
                        boolean intactAfter = reader.hasIntactFrameAfter(damaged.offset()) || anyIntactRecordIn(later);
                        damage = new Damage(file, damaged.offset(), DamageKind.DAMAGED_RECORD, damaged.reason(),
                                intactAfter);
                        break;
                    }
                    Frame frame = ((SegmentReader.Valid) next).frame();
                    String misplaced = sequenceProblem(frame, segmentRecords == 0, named);
                    if (misplaced != null) {
                        damage = new Damage(file, frame.offset(), DamageKind.SEQUENCE_BREAK, misplaced, true);
                        break;
                    }
                    expected = frame.lastSequence() + 1;
                    if (firstSequence == 0) {
                        firstSequence = frame.firstSequence();
                    }
                    if (segmentFirst == 0) {
                        segmentFirst = frame.firstSequence();
                    }
                    segmentLast = frame.lastSequence();
                    segmentRecords++;
                    segmentEvents += frame.eventCount();
                    segmentBytes += frame.sizeOnDisk();
                    records++;
                    events += frame.eventCount();
                    intactBytes += frame.sizeOnDisk();
                    if (!visitor.visit(file, frame)) {
                        stoppedByVisitor = true;
                    }
                }
            }
            segments.add(new SegmentScan(file, named, size, segmentRecords, segmentEvents, segmentBytes, segmentFirst,
                    segmentLast));
            return damage == null && !stoppedByVisitor;
        }

        /** Why {@code frame} cannot be where it is, or {@code null} when its sequence fits; notes covered gaps. */
        private String sequenceProblem(Frame frame, boolean firstOfSegment, long namedSequence) {
            long first = frame.firstSequence();
            if (firstOfSegment && first != namedSequence) {
                return "first record has sequence " + first + " but the segment is named after " + namedSequence;
            }
            if (expected == -1) {
                if (first > snapshotSequence + 1) {
                    return "the log starts at sequence " + first + " but "
                            + (snapshotSequence == 0 ? "no snapshot covers the events before it"
                                    : "the snapshot state starts from ends at " + snapshotSequence)
                            + ": events " + (snapshotSequence + 1) + ".." + (first - 1) + " are missing";
                }
                if (first > 1) {
                    coveredGaps.add(new CoveredGap(1, first - 1));
                }
                return null;
            }
            if (first == expected) {
                return null;
            }
            if (first > expected && first <= snapshotSequence + 1) {
                coveredGaps.add(new CoveredGap(expected, first - 1));
                return null;
            }
            return "expected sequence " + expected + " but found " + first
                    + (first < expected ? " (sequences overlap)" : " (events " + expected + ".." + (first - 1)
                            + " are missing and no snapshot covers them)");
        }

        Result result(List<Path> notScanned, long totalBytes) {
            long lastSequence = expected == -1 ? 0 : expected - 1;
            return new Result(segments, notScanned, records, events, intactBytes, totalBytes, firstSequence,
                    lastSequence, coveredGaps, Optional.ofNullable(damage), stoppedByVisitor);
        }
    }
}
