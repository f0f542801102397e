package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.lithair.event.EventEnvelope;
import dev.lithair.exception.BackupRefusedException;
import dev.lithair.exception.BackupRefusedException.Reason;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;

/**
 * Builds a new data directory from a backup folder, holding exactly the commits up to a cut: the newest
 * snapshot at or below the cut, the segments after it, the one holding the cut's record copied up to the end
 * of that record; newer snapshots and later segments are left out. Everything is copied, never linked: the
 * store opened on the result appends to its last segment. A commit is never cut in half.
 *
 * <p>Where the cut is:
 * <ul>
 * <li>at the end: the backup's last sequence;</li>
 * <li>at a sequence N, which must end a commit (or be a snapshot's sequence);</li>
 * <li>at an instant T, by the prefix rule: just before the first commit of the log stamped after T, so the
 * result holds the commits of the log up to there, all stamped at or before T (and none after it, even
 * if a later commit is stamped before T again after a clock step back). The commits before the log's
 * first one, kept only in a snapshot, carry no time: they count as before T when the log's first commit
 * does, and a T before that commit is refused.</li>
 * </ul>
 * A point the backup cannot reach (a sequence beyond its end, or below its oldest snapshot with the log
 * before it compacted away, an instant before its first known commit) is refused before anything is written,
 * and a target half-written when a failure strikes is emptied again. Thread-safe: stateless.
 */
public final class Restorer {

    /**
     * What a restore built.
     *
     * @param sequence         the last sequence of the new data directory
     * @param snapshotSequence the snapshot it starts from, 0 when it replays its log from the first sequence
     * @param commits          commits in its log after that snapshot, which opening replays
     * @param lastCommitTime   the time of its last commit, {@code null} when that commit is only in the snapshot
     * @param files            the files written, in order
     * @param bytes            their total size
     */
    public record Restored(long sequence, long snapshotSequence, long commits, Instant lastCommitTime,
            List<String> files, long bytes) {
    }

    private Restorer() {
    }

    /** Restores everything the backup holds. */
    public static Restored restoreAll(Path backup, Path target) throws IOException {
        return restore(backup, target, new ToEnd());
    }

    /** Restores the commits up to sequence {@code sequence}, which must end a commit. */
    public static Restored restoreToSequence(Path backup, Path target, long sequence) throws IOException {
        if (sequence < 1) {
            throw new IllegalArgumentException("a restore sequence is 1 or more, got " + sequence);
        }
        return restore(backup, target, new ToSequence(sequence));
    }

    /** Restores the commits up to the last one before the first stamped after {@code instant}. */
    public static Restored restoreToTime(Path backup, Path target, Instant instant) throws IOException {
        return restore(backup, target, new ToTime(Objects.requireNonNull(instant, "instant")));
    }

    private static Restored restore(Path backup, Path target, Cut rule) throws IOException {
        BackupManifest manifest = BackupManifest.read(backup);
        BackupFiles.requireAbsentOrEmpty(target);
        RecordCodec codec = BackupFiles.readingCodec();
        rule.codec = codec;
        List<Long> snapshots = BackupFiles.snapshotSequences(backup);
        long newestSnapshot = snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1);
        if (newestSnapshot > manifest.sequence()) {
            throw damaged(backup, "it holds snapshot " + newestSnapshot + ", after the sequence its manifest ends at ("
                    + manifest.sequence() + ")");
        }
        LogScanner.Result scan = LogScanner.scan(backup, newestSnapshot, rule);
        if (scan.damage().isPresent()) {
            LogScanner.Damage damage = scan.damage().get();
            throw damaged(backup, "its log is damaged at " + damage.file().getFileName() + " offset " + damage.offset()
                    + " (" + damage.reason() + ")");
        }
        long cut = rule.cut(backup, manifest, scan, snapshots);
        if (cut == manifest.sequence() && Math.max(scan.lastSequence(), newestSnapshot) != cut) {
            throw damaged(backup, "its log and snapshots end at sequence " + Math.max(scan.lastSequence(),
                    newestSnapshot) + " but its manifest says " + manifest.sequence());
        }
        long base = base(backup, cut, snapshots, scan, rule);
        if (base > 0) {
            verifySnapshot(backup, codec, base);
        }
        boolean created = BackupFiles.prepareTarget(target);
        try {
            List<String> files = write(backup, target, base, cut, scan, rule);
            long commits = check(target, base, cut);
            Instant lastCommitTime = rule.keptLast == cut ? commitTime(codec, rule.kept) : null;
            long bytes = 0;
            for (String file : files) {
                bytes += Files.size(target.resolve(file));
            }
            return new Restored(cut, base, commits, lastCommitTime, files, bytes);
        } catch (IOException | RuntimeException | Error e) {
            BackupFiles.removeHalfWritten(target, created, e);
            throw e;
        }
    }

    /**
     * The newest snapshot at or below {@code cut} from which the log reaches the cut without a gap (0: the log
     * from sequence 1).
     */
    private static long base(Path backup, long cut, List<Long> snapshots, LogScanner.Result scan, Cut rule) {
        List<Long> candidates = new ArrayList<>();
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            if (snapshots.get(i) <= cut) {
                candidates.add(snapshots.get(i));
            }
        }
        candidates.add(0L);
        for (long base : candidates) {
            if (base == cut) {
                return base;
            }
            boolean logReachesCut = rule.keptLast == cut && scan.records() > 0 && scan.firstSequence() <= base + 1
                    && scan.coveredGaps().stream()
                            .noneMatch(gap -> gap.fromSequence() <= cut && gap.toSequence() >= base + 1);
            if (logReachesCut) {
                return base;
            }
        }
        boolean logFromStart = scan.records() > 0 && scan.firstSequence() == 1;
        if (!logFromStart && !snapshots.isEmpty() && cut < snapshots.get(0)) {
            throw unreachable(backup + " cannot be restored to sequence " + cut + ": the earliest point it holds is "
                    + "sequence " + snapshots.get(0) + ", its oldest snapshot (the log before it was compacted away"
                    + (scan.records() > 0 ? "; the log starts at sequence " + scan.firstSequence() : "") + ")");
        }
        throw unreachable(backup + " cannot be restored to sequence " + cut + ": it holds no snapshot at or below it "
                + "from which its log reaches it without a gap");
    }

    private static void verifySnapshot(Path backup, RecordCodec codec, long sequence) throws IOException {
        Path file = backup.resolve(SnapshotStore.fileName(sequence));
        long holds;
        try {
            holds = new SnapshotStore(backup, codec, 1).verify(file);
        } catch (IOException | RuntimeException e) {
            throw damaged(backup, "its snapshot " + file.getFileName() + " is damaged (" + e.getMessage() + ")");
        }
        if (holds != sequence) {
            throw damaged(backup, "its snapshot " + file.getFileName() + " holds the state after sequence " + holds);
        }
    }

    /** Copies what the new directory needs; returns the names of the files written. */
    private static List<String> write(Path backup, Path target, long base, long cut, LogScanner.Result scan, Cut rule)
            throws IOException {
        List<String> files = new ArrayList<>();
        Path meta = backup.resolve(BackupFiles.META_FILE_NAME);
        if (Files.exists(meta)) {
            BackupFiles.copy(meta, target.resolve(BackupFiles.META_FILE_NAME));
            files.add(BackupFiles.META_FILE_NAME);
        }
        if (base > 0) {
            String name = SnapshotStore.fileName(base);
            BackupFiles.copy(backup.resolve(name), target.resolve(name));
            files.add(name);
        }
        if (cut > base) {
            for (LogScanner.SegmentScan segment : scan.segments()) {
                if (segment.records() == 0 || segment.lastSequence() <= base) {
                    continue;
                }
                String name = segment.file().getFileName().toString();
                boolean holdsCut = segment.file().equals(rule.keptSegment);
                BackupFiles.copyPrefix(segment.file(), target.resolve(name),
                        holdsCut ? rule.kept.offset() + rule.kept.sizeOnDisk() : segment.intactBytes());
                files.add(name);
                if (holdsCut) {
                    break;
                }
            }
        }
        BackupFiles.forceDirectory(target);
        BackupFiles.forceDirectory(target.toAbsolutePath().getParent());
        return files;
    }

    /**
     * Scans the new directory as opening it would: it must end exactly at the cut. Returns the commits its log
     * holds after the snapshot.
     */
    private static long check(Path target, long base, long cut) throws IOException {
        long[] commits = {0};
        LogScanner.Result scan = LogScanner.scan(target, base, (segment, frame) -> {
            if (frame.firstSequence() > base) {
                commits[0]++;
            }
            return true;
        });
        long last = Math.max(scan.lastSequence(), base);
        if (scan.damage().isPresent() || last != cut) {
            throw new IllegalStateException("the restored directory " + target + " ends at sequence " + last
                    + (scan.damage().isPresent() ? " with damage (" + scan.damage().get().reason() + ")" : "")
                    + " instead of " + cut);
        }
        return commits[0];
    }

    /** A commit's time: the latest of its events' timestamps (a commit stamps them alike). */
    private static Instant commitTime(RecordCodec codec, Frame frame) {
        LogRecord record;
        try {
            record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
        } catch (RuntimeException e) {
            throw new BackupRefusedException(Reason.DAMAGED, "the record at sequence " + frame.firstSequence()
                    + " has an intact checksum but does not decode (" + e.getMessage() + ")");
        }
        Instant latest = null;
        for (EventEnvelope event : record.events()) {
            if (latest == null || event.timestamp().isAfter(latest)) {
                latest = event.timestamp();
            }
        }
        return latest;
    }

    private static BackupRefusedException damaged(Path backup, String reason) {
        return new BackupRefusedException(Reason.DAMAGED, "the backup " + backup + " is damaged: " + reason
                + "; run verify on it");
    }

    private static BackupRefusedException unreachable(String message) {
        return new BackupRefusedException(Reason.UNREACHABLE_POINT, message);
    }

    /**
     * Finds the cut while the backup's log is scanned: keeps the last record to restore, and stops the scan
     * once the cut is known.
     */
    private abstract static class Cut implements LogScanner.FrameVisitor {
        RecordCodec codec;
        /** The last record to restore so far, its segment and its last sequence (-1 before one). */
        Frame kept;
        Path keptSegment;
        long keptLast = -1;

        void keep(Path segment, Frame frame) {
            kept = frame;
            keptSegment = segment;
            keptLast = frame.lastSequence();
        }

        /** The cut, once the scan is over; refuses one the backup cannot give. */
        abstract long cut(Path backup, BackupManifest manifest, LogScanner.Result scan, List<Long> snapshots);
    }

    private static final class ToEnd extends Cut {
        @Override
        public boolean visit(Path segment, Frame frame) {
            keep(segment, frame);
            return true;
        }

        @Override
        long cut(Path backup, BackupManifest manifest, LogScanner.Result scan, List<Long> snapshots) {
            return manifest.sequence();
        }
    }

    private static final class ToSequence extends Cut {
        private final long sequence;
        /** The record holding the sequence without ending with it, if any. */
        private Frame around;

        ToSequence(long sequence) {
            this.sequence = sequence;
        }

        @Override
        public boolean visit(Path segment, Frame frame) {
            if (frame.lastSequence() <= sequence) {
                keep(segment, frame);
                return frame.lastSequence() < sequence;
            }
            if (frame.firstSequence() <= sequence) {
                around = frame;
            }
            return false;
        }

        @Override
        long cut(Path backup, BackupManifest manifest, LogScanner.Result scan, List<Long> snapshots) {
            if (sequence > manifest.sequence()) {
                throw unreachable(backup + " ends at sequence " + manifest.sequence() + ": it cannot be restored to "
                        + sequence);
            }
            if (around != null) {
                throw unreachable("sequence " + sequence + " falls inside one commit, sequences "
                        + around.firstSequence() + ".." + around.lastSequence() + ", which is restored whole or not at "
                        + "all: restore to " + (around.firstSequence() - 1) + " or to " + around.lastSequence());
            }
            return sequence;
        }
    }

    private static final class ToTime extends Cut {
        private final Instant instant;
        /** The first commit of the log stamped after the instant, and its time. */
        private Frame firstAfter;
        private Instant firstAfterTime;

        ToTime(Instant instant) {
            this.instant = instant;
        }

        @Override
        public boolean visit(Path segment, Frame frame) {
            Instant time = commitTime(codec, frame);
            if (time.isAfter(instant)) {
                firstAfter = frame;
                firstAfterTime = time;
                return false;
            }
            keep(segment, frame);
            return true;
        }

        @Override
        long cut(Path backup, BackupManifest manifest, LogScanner.Result scan, List<Long> snapshots) {
            if (firstAfter == null) {
                if (scan.records() == 0 && !snapshots.isEmpty() && instant.isBefore(manifest.time())) {
                    throw unreachable(backup + " holds its commits in snapshot " + snapshots.get(snapshots.size() - 1)
                            + " only, which "
                            + "carries no commit times: it can be restored to an instant at or after the backup's "
                            + "own, " + manifest.time() + ", not to " + instant);
                }
                return manifest.sequence();
            }
            if (firstAfter.firstSequence() == scan.firstSequence()) {
                if (firstAfter.firstSequence() == 1) {
                    return 0; // before the store's first commit: an empty store, which is what it held then
                }
                throw unreachable(instant + " is before the first commit " + backup + " still holds in its log "
                        + "(sequence " + firstAfter.firstSequence() + ", at " + firstAfterTime + "); the commits "
                        + "before it are only in a snapshot, which carries no commit times"
                        + (snapshots.contains(firstAfter.firstSequence() - 1) ? ": restore to sequence "
                                + (firstAfter.firstSequence() - 1) + " to get that snapshot's state" : ""));
            }
            return firstAfter.firstSequence() - 1;
        }
    }
}
