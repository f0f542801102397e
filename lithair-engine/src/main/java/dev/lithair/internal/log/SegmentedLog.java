package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.StorageFormat;

/**
 * The append-only event log, split into segments named {@code events-<firstSeq>.raftlog}.
 *
 * <p>Opening scans every segment with {@link LogScanner}, which hands each intact record to a visitor
 * and classifies the first damage, and acts on its verdict: it truncates a torn tail (a damaged record
 * after which nothing intact follows) and refuses to open on damage followed by intact data, on
 * sequence gaps not covered by a snapshot, and on overlapping sequences.
 *
 * <p>Not thread-safe: one writer thread stages and writes records. Forcing the {@link SegmentFile}s
 * returned by {@link #writeStaged()} may happen on another thread.
 */
public final class SegmentedLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentedLog.class);

    /**
     * How far ahead of its records the active segment is filled, each time the records reach the end
     * of what was filled. A force of records written over blocks the file already has needs no
     * metadata update (file size, block allocation), so it is cheaper than a force at the end of a
     * growing file, even counting the fill's own writing; write-ahead logs pre-fill their files for
     * this reason. The fill is trimmed off when the segment is closed or rolled.
     */
    static final int PREALLOCATION_BYTES = 1 << 20;
    /**
     * What filled space holds. A frame starts with its checked length, at most
     * {@link Frame#MAX_CHECKED_BYTES} ({@code 0x10000000}), so its first byte is never {@code 0xFF}:
     * a tail of fill bytes is space not written yet, never a torn record, whose length starts with
     * {@code 0x00}. Zeros could not keep the two apart.
     */
    static final byte PREALLOCATED_FILL = (byte) 0xFF;
    private static final ByteBuffer FILL = filledBuffer(1 << 16);
    /** The least {@link #reserveAhead} must be able to write for the log to take records again. */
    static final int MIN_RESERVE_BYTES = 64 * 1024;

    /**
     * Receives each intact record found while opening, in log order. A {@link LogCorruptedException}
     * it throws without a file is rethrown naming the record's segment and offset.
     */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(Frame frame, long bytesScanned, long totalBytes);

        /** The records visited next are in {@code segment}, until the next call. */
        default void enteringSegment(Path segment) {
        }

        /**
         * Every intact record was visited: called once, before opening changes anything on disk (a torn
         * tail truncated) or fails on damage found further on. A visitor that works ahead of the records
         * it was given finishes here, so that a failure it finds in an earlier record comes first, as it
         * would have without working ahead.
         */
        default void endOfRecords() {
        }
    }

    record Segment(long firstSequence, Path path) {
    }

    /**
     * Where the log ends after a write: the last sequence written and the byte after its record, in
     * the segment starting at {@code segmentFirstSequence}.
     */
    private record End(long lastSequence, long segmentFirstSequence, long offset) {
    }

    /**
     * Where the written records end, for a copy of the log up to them (a backup): every record up to
     * {@code lastSequence} is in the segments before the active one and in the first {@code activeBytes} of
     * the active one; records staged and not written yet are not counted.
     *
     * @param lastSequence        the last sequence written
     * @param activeSegment       the segment appended to
     * @param activeFirstSequence the sequence its name gives
     * @param activeBytes         bytes of written records in it; what follows them is fill or later records
     * @param cuts                how many times the log was {@link #cutAfterDurable cut back} so far: while it
     *                            stays the same, those bytes are not rewritten
     */
    public record WrittenEnd(long lastSequence, Path activeSegment, long activeFirstSequence, long activeBytes,
            long cuts) {
    }

    private final Path directory;
    private final long maxSegmentBytes;
    private final boolean forceDirectory;
    private final List<Segment> segments;
    private SegmentFile active;
    /** Bytes of records in the active segment, where the next one goes. */
    private long activeSize;
    /** Size of the active segment's file: its records, then fill up to here. */
    private long allocatedSize;
    private long nextSequence;
    private ByteBuffer staged = ByteBuffer.allocateDirect(1 << 20);
    private final List<SegmentFile> touched = new ArrayList<>(2);
    /** Retired segments perhaps still open: the syncer closes them once forced, a cut or close after a failure. */
    private final List<SegmentFile> retiredOpen = new ArrayList<>(2);
    /** First sequence of the active segment (its name). */
    private long activeFirstSequence;
    /** Ends of the writes not yet known durable, oldest first. */
    private final ArrayDeque<End> written = new ArrayDeque<>();
    /** Where the log ends after the last record known durable: a failure never cuts before it. */
    private End durable;
    /** Whether the last try to fill the active segment ahead failed (reported once until one succeeds). */
    private boolean fillRefused;
    private LogOpenResult openResult;
    /** Calls of {@link #cutAfterDurable} so far, see {@link WrittenEnd#cuts()}. */
    private long cuts;

    SegmentedLog(Path directory, long maxSegmentBytes, boolean forceDirectory, List<Segment> segments,
            long nextSequence) {
        this.directory = directory;
        this.maxSegmentBytes = maxSegmentBytes;
        this.forceDirectory = forceDirectory;
        this.segments = segments;
        this.nextSequence = nextSequence;
    }

    /**
     * Opens (creating if needed) the log in {@code directory}, recovering as described above: the
     * records and the damage are those {@link LogScanner#scan} finds, and opening acts on its verdict.
     *
     * @param snapshotSequence last sequence covered by the snapshot state starts from, 0 when none;
     *                         records up to it are still checked but are not required to be present
     * @param forceDirectory   whether creating a segment forces the directory entry to disk
     */
    public static SegmentedLog open(Path directory, long maxSegmentBytes, boolean forceDirectory,
            long snapshotSequence, RecordVisitor visitor) throws IOException {
        return LogLoader.load(directory, maxSegmentBytes, forceDirectory, snapshotSequence, visitor);
    }

    /** What opening found: records scanned, torn bytes truncated, last sequence. */
    public LogOpenResult openResult() {
        return openResult;
    }

    /** While opening: appends next after the {@code bytes} of records {@code last} holds (fill may follow). */
    void continueSegment(Segment last, long bytes) throws IOException {
        FileChannel channel = FileChannel.open(last.path(), StandardOpenOption.WRITE);
        active = new SegmentFile(last.path(), channel);
        activeFirstSequence = last.firstSequence();
        activeSize = bytes;
        allocatedSize = channel.size();
    }

    /** While opening: what opening found; the log ends, durable, after its last record. */
    void opened(LogOpenResult result) {
        durable = new End(result.lastSequence(), activeFirstSequence, activeSize);
        openResult = result;
    }

    private static List<Segment> listSegments(Path directory) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (Path file : LogScanner.segmentFiles(directory)) {
            segments.add(new Segment(LogScanner.namedSequence(file), file));
        }
        return segments;
    }

    /** The file name of the segment whose first record has {@code firstSequence}, as {@link LogScanner} names it. */
    public static String segmentFileName(long firstSequence) {
        return LogScanner.segmentFileName(firstSequence);
    }

    /** Sequence the next staged record must start with. */
    public long nextSequence() {
        return nextSequence;
    }

    /**
     * Adds one record to the staging buffer; nothing reaches the file before {@link #writeStaged()}.
     * Starts a new segment first when the active one is full.
     */
    public void stage(long firstSequence, int eventCount, StorageFormat format, byte[] body) throws IOException {
        if (firstSequence != nextSequence) {
            throw new IllegalStateException("record starts at " + firstSequence + ", log expects " + nextSequence);
        }
        int frameSize = Frame.sizeOnDisk(body.length);
        long pending = activeSize + staged.position();
        if (pending > 0 && pending + frameSize > maxSegmentBytes) {
            writeStaged();
            rollTo(firstSequence);
        }
        if (staged.remaining() < frameSize) {
            ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(staged.capacity() * 2, staged.position() + frameSize));
            staged.flip();
            larger.put(staged);
            staged = larger;
        }
        Frame.write(staged, firstSequence, eventCount, format, body);
        nextSequence = firstSequence + eventCount;
    }

    /**
     * Writes everything staged to the active segment and returns the segment files that now hold
     * unforced data (the active one, and any retired since the last call).
     */
    public List<SegmentFile> writeStaged() throws IOException {
        if (staged.position() > 0) {
            staged.flip();
            preallocate(activeSize + staged.remaining());
            FileChannel channel = active.channel();
            while (staged.hasRemaining()) {
                activeSize += channel.write(staged, activeSize);
            }
            allocatedSize = Math.max(allocatedSize, activeSize);
            staged.clear();
            written.addLast(new End(nextSequence - 1, activeFirstSequence, activeSize));
            if (!touched.contains(active)) {
                touched.add(active);
            }
        }
        List<SegmentFile> result = List.copyOf(touched);
        touched.clear();
        return result;
    }

    /** Starts a new segment for the next record, so that every older segment can be compacted. */
    public void roll() throws IOException {
        writeStaged();
        if (activeSize > 0) {
            rollTo(nextSequence);
        }
    }

    private void rollTo(long firstSequence) throws IOException {
        trimFill();
        active.retire();
        if (!touched.contains(active)) {
            touched.add(active);
        }
        retiredOpen.removeIf(file -> !file.channel().isOpen());
        retiredOpen.add(active);
        startSegment(firstSequence);
    }

    void startSegment(long firstSequence) throws IOException {
        Path path = directory.resolve(segmentFileName(firstSequence));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (forceDirectory) {
            channel.force(true);
            forceDirectory(directory);
        }
        active = new SegmentFile(path, channel);
        activeFirstSequence = firstSequence;
        activeSize = 0;
        allocatedSize = 0;
        segments.add(new Segment(firstSequence, path));
    }

    /**
     * The records through {@code lastSequence} are durable (acknowledged): {@link #cutAfterDurable} never
     * cuts them.
     */
    public void durableThrough(long lastSequence) {
        End end = written.peekFirst();
        while (end != null && end.lastSequence() <= lastSequence) {
            durable = written.pollFirst();
            end = written.peekFirst();
        }
    }

    /** Where the written records end now; see {@link WrittenEnd}. Called by the writer, between writes. */
    public WrittenEnd writtenEnd() {
        End last = written.isEmpty() ? durable : written.peekLast();
        return new WrittenEnd(last.lastSequence(), active.path(), activeFirstSequence, activeSize, cuts);
    }

    /** How many times the log was cut back after a failure; see {@link WrittenEnd#cuts()}. */
    public long cuts() {
        return cuts;
    }

    /** Sequence of the last record known durable. */
    public long durableSequence() {
        return durable.lastSequence();
    }

    /**
     * Drops what is staged and not written yet, so that nothing writes it later (closing included); the
     * log must then be {@link #cutAfterDurable cut} before it is written again.
     */
    public void dropStaged() {
        staged.clear();
    }

    /**
     * Makes the log end with the last durable record again, after a write or force failed: forgets what
     * is staged, deletes the segments started after that record's segment, truncates that segment right
     * after the record (written records not durable, partial writes and the fill go), forces it and the
     * directory, and appends there next. Safe to call again when it fails part-way.
     *
     * @throws IOException when the disk refuses; the log must not be written until a later call succeeds
     */
    public void cutAfterDurable() throws IOException {
        cuts++;
        staged.clear();
        touched.clear();
        closeRetired();
        written.clear();
        End end = durable;
        List<Segment> onDisk = listSegments(directory);
        Segment keep = onDisk.stream().filter(segment -> segment.firstSequence() == end.segmentFirstSequence())
                .findFirst().orElse(null);
        long keepBytes = end.offset();
        if (keep == null) {
            // Compaction deleted the segment holding the durable end, which it does only once a snapshot
            // covers every record of it: the next segment starts right after that end.
            keep = new Segment(end.lastSequence() + 1, directory.resolve(segmentFileName(end.lastSequence() + 1)));
            keepBytes = 0;
        }
        boolean deleted = false;
        for (Segment segment : onDisk) {
            if (segment.firstSequence() > keep.firstSequence()) {
                Files.deleteIfExists(segment.path());
                deleted = true;
            }
        }
        SegmentFile previous = active;
        boolean reuse = previous != null && !previous.retired() && previous.path().equals(keep.path())
                && previous.channel().isOpen();
        FileChannel channel = reuse ? previous.channel()
                : FileChannel.open(keep.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.size() > keepBytes) {
                channel.truncate(keepBytes);
            }
            channel.force(true);
            if (deleted || !reuse) {
                forceDirectory(directory);
            }
        } catch (IOException | RuntimeException e) {
            if (!reuse) {
                channel.close();
            }
            throw e;
        }
        if (!reuse) {
            if (previous != null) {
                // Whoever still holds the old file (the syncer) ignores it once closed and retired.
                previous.retire();
                previous.close();
            }
            active = new SegmentFile(keep.path(), channel);
        }
        segments.clear();
        Segment kept = keep;
        segments.addAll(onDisk.stream().filter(segment -> segment.firstSequence() < kept.firstSequence()).toList());
        segments.add(keep);
        activeFirstSequence = keep.firstSequence();
        activeSize = keepBytes;
        allocatedSize = keepBytes;
        nextSequence = end.lastSequence() + 1;
        durable = new End(end.lastSequence(), activeFirstSequence, activeSize);
    }

    /**
     * Fills the active segment ahead of its records (see {@link #PREALLOCATION_BYTES}) and forces it: after
     * a failure, shows that the disk takes writes again, at least {@value #MIN_RESERVE_BYTES} bytes of
     * them, before the log accepts records.
     */
    public void reserveAhead() throws IOException {
        long start = Math.max(allocatedSize, activeSize);
        try {
            fillTo(activeSize + PREALLOCATION_BYTES);
        } catch (IOException refused) {
            if (allocatedSize - start < MIN_RESERVE_BYTES) {
                throw refused;
            }
        }
        active.channel().force(false);
    }

    /**
     * Deletes every segment whose records all have sequences up to {@code coveredSequence}; the active
     * segment is never deleted.
     *
     * @return the number of segments deleted
     */
    public int deleteSegmentsCoveredBy(long coveredSequence) throws IOException {
        int deleted = 0;
        while (segments.size() > 1 && segments.get(1).firstSequence() - 1 <= coveredSequence) {
            Files.deleteIfExists(segments.remove(0).path());
            deleted++;
        }
        if (deleted > 0 && forceDirectory) {
            forceDirectory(directory);
        }
        return deleted;
    }

    /** Number of segment files. */
    public int segmentCount() {
        return segments.size();
    }

    /**
     * Bytes of the records in all segment files, including what is written but not forced; the active
     * segment's fill is not counted.
     */
    public long sizeOnDisk() throws IOException {
        long size = 0;
        for (Segment segment : segments) {
            if (active != null && segment.path().equals(active.path())) {
                size += activeSize;
            } else {
                size += Files.exists(segment.path()) ? Files.size(segment.path()) : 0;
            }
        }
        return size;
    }

    /** The segment files, oldest first. */
    public List<Path> segmentPaths() {
        return segments.stream().map(Segment::path).toList();
    }

    /** The segment currently appended to. */
    public SegmentFile activeSegment() {
        return active;
    }

    /** Forces a directory's entries (new and deleted files) to disk. */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Fills the active segment up to at least {@code end}, and a whole {@link #PREALLOCATION_BYTES}
     * further when that stays within the segment's size, so that the records about to be written land
     * on filled space. The fill only makes forces cheaper: when the disk refuses it (full, or failing),
     * the records are written without it, and only a failure of their own write stops the log.
     */
    private void preallocate(long end) {
        if (end <= allocatedSize) {
            return;
        }
        try {
            fillTo(Math.max(end, Math.min(allocatedSize + PREALLOCATION_BYTES, maxSegmentBytes)));
            fillRefused = false;
        } catch (IOException refused) {
            if (!fillRefused) {
                log.warn("Filling {} ahead of its records failed ({}): records are written without fill until it "
                        + "succeeds again", active.path().getFileName(), refused.getMessage());
            }
            fillRefused = true;
        }
    }

    /** Writes fill from the end of the file's records or fill up to {@code target}; {@link #allocatedSize} follows. */
    private void fillTo(long target) throws IOException {
        FileChannel channel = active.channel();
        allocatedSize = Math.max(allocatedSize, activeSize);
        while (allocatedSize < target) {
            ByteBuffer fill = FILL.duplicate();
            fill.limit((int) Math.min(fill.capacity(), target - allocatedSize));
            allocatedSize += channel.write(fill, allocatedSize);
        }
    }

    /** Cuts the active segment's fill off, leaving a file that ends with its last record. */
    private void trimFill() throws IOException {
        if (allocatedSize > activeSize) {
            active.channel().truncate(activeSize);
            allocatedSize = activeSize;
        }
    }

    private static ByteBuffer filledBuffer(int bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
        while (buffer.hasRemaining()) {
            buffer.put(PREALLOCATED_FILL);
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    /**
     * Closes every retired segment still open. Called with no force running: the records a retired
     * segment holds past the last durable one are cut, and a force that finds it closed skips it.
     */
    private void closeRetired() throws IOException {
        IOException failed = null;
        for (SegmentFile file : retiredOpen) {
            try {
                file.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        retiredOpen.clear();
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writeStaged();
            if (active != null) {
                trimFill();
            }
        } finally {
            if (active != null) {
                active.close();
            }
            closeRetired();
        }
    }
}
