package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.exception.BackupRefusedException;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;

/**
 * Copies a data directory into a backup folder without the store's help: the store may be running, so
 * this takes no lock and writes nothing in the directory. It lists the segments, then the snapshots (a
 * segment compacted away after the first listing is covered by a snapshot the second one sees), and opens
 * every file listed at once: a file compaction deletes afterwards stays readable through its open channel,
 * so the copy holds the set listed, which the store could open. The copy of the last segment is cut after its
 * last whole record, as opening the store would cut a torn tail. A file deleted between the listing and its
 * opening starts the copy again, a bounded number of times. Thread-safe: stateless.
 */
public final class DirectoryCopy {

    private static final Logger log = LoggerFactory.getLogger(DirectoryCopy.class);
    /** Copies started before giving up on a directory that keeps changing under them. */
    static final int ATTEMPTS = 5;

    private DirectoryCopy() {
    }

    /**
     * Copies {@code dataDirectory} into {@code target} (which must not exist or be empty) and writes the
     * manifest, naming the backup after the target folder.
     *
     * @throws BackupRefusedException when the source holds no Lithair data, the target is not empty, or the
     *                                source's log is damaged; nothing is left in the target
     * @throws IOException            when reading or writing fails, or files kept vanishing; nothing is left
     */
    public static BackupManifest copy(Path dataDirectory, Path target, Instant time) throws IOException {
        if (!Files.isDirectory(dataDirectory) || !BackupFiles.holdsLithairData(dataDirectory)) {
            throw new BackupRefusedException(BackupRefusedException.Reason.NOT_A_DATA_DIRECTORY, dataDirectory
                    + " holds no Lithair data (no " + BackupFiles.META_FILE_NAME + ", log segment or snapshot)");
        }
        boolean created = BackupFiles.prepareTarget(target);
        try {
            NoSuchFileException vanished = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    long sequence = copyOnce(dataDirectory, target);
                    BackupManifest manifest = BackupManifest.write(target, target.getFileName().toString(), sequence,
                            time);
                    BackupFiles.forceDirectory(target.toAbsolutePath().getParent());
                    return manifest;
                } catch (NoSuchFileException e) {
                    vanished = e;
                    log.warn("Copying {}: {} vanished before it could be opened (compaction deleted it); starting again "
                            + "({} of {} attempts)", dataDirectory, e.getFile(), attempt, ATTEMPTS);
                    BackupFiles.empty(target);
                }
            }
            throw new IOException(dataDirectory + " kept changing while it was copied: each of " + ATTEMPTS
                    + " attempts lost a file to compaction (the last " + vanished.getFile() + "); try again, or back "
                    + "up through the running store, which copies between its compactions", vanished);
        } catch (IOException | RuntimeException | Error e) {
            BackupFiles.removeHalfWritten(target, created, e);
            throw e;
        }
    }

    /** One copy; returns the last sequence it holds. */
    private static long copyOnce(Path dataDirectory, Path target) throws IOException {
        List<Path> segments = LogScanner.segmentFiles(dataDirectory);
        List<Long> snapshots = BackupFiles.snapshotSequences(dataDirectory);
        List<Path> files = new ArrayList<>();
        Path meta = dataDirectory.resolve(BackupFiles.META_FILE_NAME);
        if (Files.exists(meta)) {
            files.add(meta);
        }
        snapshots.forEach(sequence -> files.add(dataDirectory.resolve(SnapshotStore.fileName(sequence))));
        files.addAll(segments);
        Map<Path, FileChannel> open = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                open.put(file, FileChannel.open(file, StandardOpenOption.READ));
            }
            Path last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            for (Map.Entry<Path, FileChannel> file : open.entrySet()) {
                if (!file.getKey().equals(last)) {
                    BackupFiles.copy(file.getKey(), file.getValue(), target.resolve(file.getKey().getFileName()));
                }
            }
            long newestSnapshot = snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1);
            LogScanner.Result scan = last == null ? LogScanner.scan(target, newestSnapshot)
                    : copyLastSegment(last, open.get(last), target, newestSnapshot);
            BackupFiles.forceDirectory(target);
            return Math.max(scan.lastSequence(), newestSnapshot);
        } finally {
            IOException closing = null;
            for (FileChannel channel : open.values()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    closing = e;
                }
            }
            if (closing != null) {
                throw closing;
            }
        }
    }

    /**
     * Copies the segment the store may be appending to and cuts the copy after its last whole record. The copy
     * reads the file from start to end while records are written into it: a record written during the copy
     * may be caught in part with a later one whole, which looks like damage followed by intact records. That
     * part of the copy is taken again, and only damage seen in every try is damage.
     */
    private static LogScanner.Result copyLastSegment(Path segment, FileChannel source, Path target,
            long newestSnapshot) throws IOException {
        Path copy = target.resolve(segment.getFileName());
        for (int attempt = 1; ; attempt++) {
            BackupFiles.copy(segment, source, copy);
            LogScanner.Result scan = LogScanner.scan(target, newestSnapshot);
            LogScanner.Damage damage = scan.damage().orElse(null);
            if (damage != null && !damage.isTornTail()) {
                if (damage.file().equals(copy) && attempt < ATTEMPTS) {
                    Files.delete(copy);
                    continue;
                }
                throw new BackupRefusedException(BackupRefusedException.Reason.DAMAGED, "the log of "
                        + segment.toAbsolutePath().getParent() + " is damaged at " + damage.file().getFileName()
                        + " offset " + damage.offset() + ": " + damage.reason()
                        + (damage.kind() == LogScanner.DamageKind.DAMAGED_RECORD ? ", and intact records follow" : "")
                        + "; run verify on it");
            }
            List<LogScanner.SegmentScan> scanned = scan.segments();
            LogScanner.SegmentScan last = scanned.get(scanned.size() - 1);
            if (last.records() == 0) {
                // Nothing whole in it yet: the store starts a new segment after what it finds.
                Files.delete(last.file());
            } else if (Files.size(last.file()) > last.intactBytes()) {
                BackupFiles.truncate(last.file(), last.intactBytes());
            }
            for (Path after : scan.notScanned()) {
                Files.delete(after);
            }
            return scan;
        }
    }
}
