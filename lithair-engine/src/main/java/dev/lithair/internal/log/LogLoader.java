package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.log.SegmentedLog.RecordVisitor;
import dev.lithair.internal.log.SegmentedLog.Segment;

/**
 * Loads the log of a directory as it opens: scans it with {@link LogScanner}, handing each intact
 * record to the visitor, acts on the scanner's verdict (truncates a torn tail and the segments after
 * it, refuses any other damage), and returns the log ready to append after its last intact record.
 *
 * <p>Not thread-safe: runs once, on the thread opening the store.
 */
final class LogLoader {

    /** Under the log's name, where operators look for what opening did to it. */
    private static final Logger log = LoggerFactory.getLogger(SegmentedLog.class);

    private LogLoader() {
    }

    /** See {@link SegmentedLog#open}. */
    static SegmentedLog load(Path directory, long maxSegmentBytes, boolean forceDirectory, long snapshotSequence,
            RecordVisitor visitor) throws IOException {
        Files.createDirectories(directory);
        long totalBytes = 0;
        for (Path file : LogScanner.segmentFiles(directory)) {
            totalBytes += Files.size(file);
        }
        LogScanner.Result scan = LogScanner.scan(directory, snapshotSequence, new ScanVisitor(visitor, totalBytes));
        visitor.endOfRecords();
        List<Segment> segments = new ArrayList<>();
        for (LogScanner.SegmentScan segment : scan.segments()) {
            segments.add(new Segment(segment.namedSequence(), segment.file()));
        }
        List<LogScanner.SegmentScan> scanned = scan.segments();
        LogScanner.SegmentScan last = scanned.isEmpty() ? null : scanned.get(scanned.size() - 1);
        long lastSegmentEnd = last == null ? 0 : last.records() > 0 ? last.lastSequence() : last.namedSequence() - 1;
        long lastSegmentBytes = last == null ? 0 : last.intactBytes();
        long lastSequence = Math.max(scan.lastSequence(), snapshotSequence);
        long truncatedBytes = 0;
        if (scan.damage().isPresent()) {
            LogScanner.Damage damage = scan.damage().get();
            if (!damage.isTornTail()) {
                boolean damagedRecord = damage.kind() == LogScanner.DamageKind.DAMAGED_RECORD;
                throw new LogCorruptedException(damage.file(), damage.offset(), damagedRecord
                        ? damage.reason() + ", and intact records follow: this is not a torn tail. Refusing to start; "
                                + "restore the file or move it aside after inspecting it with the CLI"
                        : damage.reason());
            }
            truncatedBytes = last.sizeBytes() - damage.offset();
            truncateTornTail(damage, truncatedBytes);
            for (Path later : scan.notScanned()) {
                Files.delete(later);
            }
        }
        LogOpenResult result = new LogOpenResult(scan.records(), scan.intactBytes(), truncatedBytes, lastSequence);
        return resume(directory, maxSegmentBytes, forceDirectory, segments, lastSegmentEnd, lastSegmentBytes,
                result);
    }

    /** Hands the scanner's records to a {@link RecordVisitor}, with the segment changes and the progress it expects. */
    private static final class ScanVisitor implements LogScanner.FrameVisitor {
        private final RecordVisitor visitor;
        private final long totalBytes;
        private Path segment;
        private long scanned;

        ScanVisitor(RecordVisitor visitor, long totalBytes) {
            this.visitor = visitor;
            this.totalBytes = totalBytes;
        }

        @Override
        public boolean visit(Path file, Frame frame) {
            if (!file.equals(segment)) {
                segment = file;
                visitor.enteringSegment(file);
            }
            scanned += frame.sizeOnDisk();
            try {
                visitor.visit(frame, scanned, totalBytes);
            } catch (LogCorruptedException unlocated) {
                if (unlocated.file() != null) {
                    throw unlocated;
                }
                throw new LogCorruptedException(file, frame.offset(), unlocated.getMessage());
            }
            return true;
        }
    }

    /** Cuts a torn tail off: the damaged record and anything after it in its segment, fill included. */
    private static void truncateTornTail(LogScanner.Damage damage, long discarded) throws IOException {
        long fill;
        try (SegmentReader reader = new SegmentReader(damage.file())) {
            fill = reader.fileSize() - Math.max(damage.offset(), reader.sizeWithoutFill());
        }
        truncate(damage.file(), damage.offset());
        log.warn("Truncated torn tail of {} at byte offset {} ({} bytes discarded{}: {})",
                damage.file().getFileName(), damage.offset(), discarded,
                fill > 0 ? ", the last " + fill + " of them preallocated, never written" : "", damage.reason());
    }

    /**
     * @param lastSegmentEnd   last sequence found in the last segment, or the one before its name's
     * @param lastSegmentBytes bytes of intact records in the last segment; fill may follow them
     */
    private static SegmentedLog resume(Path directory, long maxSegmentBytes, boolean forceDirectory,
            List<Segment> segments, long lastSegmentEnd, long lastSegmentBytes, LogOpenResult result)
            throws IOException {
        List<Segment> list = new ArrayList<>(segments);
        long nextSequence = result.lastSequence() + 1;
        // An empty last segment is recreated under the name of the next sequence, so names always match content.
        boolean droppedEmptyLast = false;
        if (!list.isEmpty()) {
            Segment last = list.get(list.size() - 1);
            if (lastSegmentBytes == 0) {
                Files.delete(last.path());
                list.remove(list.size() - 1);
                droppedEmptyLast = true;
            }
        }
        SegmentedLog opened = new SegmentedLog(directory, maxSegmentBytes, forceDirectory, list, nextSequence);
        // A last segment whose records end before the snapshot (the snapshot outran a log that was not
        // forced) cannot take the next sequence without a gap: a new segment starts instead.
        boolean lastSegmentContinues = !droppedEmptyLast && !list.isEmpty() && lastSegmentEnd == result.lastSequence();
        if (lastSegmentContinues) {
            opened.continueSegment(list.get(list.size() - 1), lastSegmentBytes);
        } else {
            if (!droppedEmptyLast && !list.isEmpty()) {
                trimTo(list.get(list.size() - 1).path(), lastSegmentBytes);
            }
            opened.startSegment(nextSequence);
        }
        opened.opened(result);
        return opened;
    }

    /** Cuts a segment that will not be written again down to its records, when fill follows them. */
    private static void trimTo(Path file, long size) throws IOException {
        if (Files.size(file) > size) {
            truncate(file, size);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }
}
