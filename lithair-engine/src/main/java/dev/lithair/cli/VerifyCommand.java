package dev.lithair.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;


import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.BackupRefusedException;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.backup.BackupManifest;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.DataDirectoryLock;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.HashChain;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.StoreMeta;
import picocli.CommandLine.Command;

/**
 * {@code verify <dir>}: reads {@code meta.raftmeta}, every snapshot and every log record, checking
 * checksums, sequences and that records decode, and prints what it found. In a backup folder it also checks
 * the manifest: the files it lists, and that the backup ends at its sequence. Changes nothing.
 * Not thread-safe; one instance runs once.
 */
@Command(name = "verify", description = {"Checks every log record's checksum and sequence, meta.raftmeta and every "
        + "snapshot's checksum, and prints counts; in a backup folder, also its manifest (backup.json): the files "
        + "it lists and that the backup ends at its sequence. Changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {LithairCli.EXIT_OK, LithairCli.EXIT_TORN_TAIL, LithairCli.EXIT_CORRUPT, LithairCli.EXIT_USAGE,
                LithairCli.EXIT_INTERNAL_ERROR, LithairCli.EXIT_IO_ERROR})
final class VerifyCommand extends DataDirectoryCommand {

    private static final String ROW = "%-22s %s%n";

    private final RecordCodec codec = new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings());
    private final Map<String, Long> eventsByEntityType = new TreeMap<>();
    private final Map<EventType, Long> eventsByEventType = new EnumMap<>(EventType.class);
    private boolean corrupt;
    private boolean tornTail;
    /** The last sequence of the log as far as it was read, 0 when it holds no record. */
    private long lastLogSequence;

    VerifyCommand() {
        for (EventType type : EventType.values()) {
            eventsByEventType.put(type, 0L);
        }
    }

    @Override
    int run() throws IOException {
        out.printf(ROW, "data directory", directory.toAbsolutePath().normalize());
        reportLock();
        verifyMeta();
        long recoverySnapshot = verifySnapshots();
        verifyLog(recoverySnapshot);
        if (BackupManifest.present(directory)) {
            verifyBackup(Math.max(lastLogSequence, recoverySnapshot));
        }
        if (!corrupt && !tornTail) {
            verifyHashChain();
        }
        String status = corrupt ? "corrupt" : tornTail ? "torn tail" : "intact";
        out.printf(ROW, "status", status);
        return corrupt ? LithairCli.CORRUPT : tornTail ? LithairCli.TORN_TAIL : LithairCli.OK;
    }

    /**
     * Who last opened the directory, as its lock file says, read without locking or writing: whether that
     * store is open now is known only when it ran on this host.
     */
    private void reportLock() throws IOException {
        DataDirectoryLock.lastHolder(directory).ifPresent(holder -> {
            Boolean running = holder.runningHere();
            String state = running == null ? "" : running
                    ? ": running, the directory is in use (this reads a moment of a log that may be growing)"
                    : ": not running (the next store to open the directory takes the lock over)";
            out.printf(ROW, "last opened by", holder + state);
        });
    }

    /**
     * A backup folder: its manifest lists exactly its data files, with their sizes, and its log and snapshots end
     * at the manifest's sequence.
     */
    private void verifyBackup(long lastSequence) throws IOException {
        BackupManifest manifest;
        try {
            manifest = BackupManifest.read(directory);
        } catch (BackupRefusedException unreadable) {
            out.printf(ROW, "backup", "manifest unreadable");
            corruption("corruption at " + BackupManifest.FILE_NAME + ": " + unreadable.getMessage());
            return;
        }
        out.printf(ROW, "backup", manifest.name() + ", sequence " + manifest.sequence() + ", taken " + manifest.time()
                + ", " + manifest.files().size() + " files, " + manifest.bytes() + " bytes");
        if (manifest.sequence() != lastSequence) {
            corruption("corruption at " + BackupManifest.FILE_NAME + ": the backup should end at sequence "
                    + manifest.sequence() + " but its log and snapshots end at " + lastSequence);
        }
        Set<String> listed = new HashSet<>();
        for (BackupManifest.FileEntry file : manifest.files()) {
            listed.add(file.name());
            Path path = directory.resolve(file.name());
            if (!Files.isRegularFile(path)) {
                corruption("corruption at " + BackupManifest.FILE_NAME + ": it lists " + file.name()
                        + ", which is missing");
            } else if (Files.size(path) != file.bytes()) {
                corruption("corruption at " + file.name() + ": it holds " + Files.size(path) + " bytes, "
                        + BackupManifest.FILE_NAME + " says " + file.bytes());
            }
        }
        List<Path> dataFiles = new ArrayList<>(LogScanner.segmentFiles(directory));
        for (long sequence : new SnapshotStore(directory, codec, 1).sequences()) {
            dataFiles.add(directory.resolve(SnapshotStore.fileName(sequence)));
        }
        for (Path file : dataFiles) {
            if (!listed.contains(file.getFileName().toString())) {
                corruption("corruption at " + file.getFileName() + ": it is not in " + BackupManifest.FILE_NAME
                        + ", so the folder changed after the backup was taken (was a store opened on it?)");
            }
        }
    }

    /** Tamper evidence: each chained record must name the SHA-256 of the one before it. */
    private void verifyHashChain() throws IOException {
        try {
            HashChain.Report chain = HashChain.verify(directory);
            if (chain.linksVerified() == 0 && chain.unanchored() == 0) {
                out.printf(ROW, "hash chain", "not enabled (" + chain.unchained() + " records without a link)");
            } else {
                out.printf(ROW, "hash chain", chain.linksVerified() + " links verified, " + chain.unanchored()
                        + " whose predecessor was compacted away, " + chain.unchained() + " records without a link, head "
                        + chain.head());
            }
        } catch (LogCorruptedException broken) {
            out.printf(ROW, "hash chain", "BROKEN");
            corruption("hash chain broken: " + broken.getMessage());
        }
    }

    private void verifyMeta() throws IOException {
        Path file = directory.resolve(StoreMeta.FILE_NAME);
        if (!Files.exists(file)) {
            out.printf(ROW, StoreMeta.FILE_NAME, "missing (the store writes a new one on next open)");
            return;
        }
        StoreMeta meta;
        try {
            meta = StoreMeta.read(file);
        } catch (RuntimeException e) {
            out.printf(ROW, StoreMeta.FILE_NAME, "unreadable");
            corruption("corruption at " + StoreMeta.FILE_NAME + ": " + LithairCli.shortMessage(e));
            return;
        }
        out.printf(ROW, StoreMeta.FILE_NAME, "format version " + meta.formatVersion() + ", store " + meta.storeId()
                + ", created " + meta.createdAt());
        if (meta.formatVersion() > StoreMeta.CURRENT_FORMAT_VERSION) {
            corruption("corruption at " + StoreMeta.FILE_NAME + ": format version " + meta.formatVersion()
                    + " is newer than this tool understands (" + StoreMeta.CURRENT_FORMAT_VERSION + ")");
        }
    }

    /** Verifies every snapshot; returns the sequence of the newest intact one (what opening loads), 0 if none. */
    private long verifySnapshots() throws IOException {
        SnapshotStore snapshots = new SnapshotStore(directory, codec, 1);
        List<Long> sequences = snapshots.sequences();
        out.printf(ROW, "snapshots", sequences.size());
        long newestIntact = 0;
        for (long sequence : sequences) {
            Path file = directory.resolve(SnapshotStore.fileName(sequence));
            String status;
            try {
                long holds = snapshots.verify(file);
                if (holds == sequence) {
                    status = "ok";
                    newestIntact = sequence;
                } else {
                    status = "damaged: its state ends at sequence " + holds;
                }
            } catch (IOException | RuntimeException e) {
                status = "damaged: " + LithairCli.shortMessage(e);
            }
            out.printf("  %s  sequence %d  %d bytes  %s%n", file.getFileName(), sequence, Files.size(file), status);
            if (!status.equals("ok")) {
                corruption("corruption at " + file.getFileName() + ": " + status.substring("damaged: ".length())
                        + (sequences.size() > 1 ? " (opening falls back to an older snapshot and the log)" : ""));
            }
        }
        return newestIntact;
    }

    private void verifyLog(long recoverySnapshot) throws IOException {
        List<String> decodeProblems = new ArrayList<>(1);
        LogScanner.Result scan = LogScanner.scan(directory, recoverySnapshot, (segment, frame) -> {
            String problem = count(frame);
            if (problem != null) {
                decodeProblems.add("corruption at " + segment.getFileName() + " offset " + frame.offset() + ": "
                        + problem);
                return false;
            }
            return true;
        });
        int segmentCount = scan.segments().size() + scan.notScanned().size();
        out.printf(ROW, "segments", segmentCount);
        for (LogScanner.SegmentScan segment : scan.segments()) {
            String content = segment.records() == 0 ? "no records"
                    : "sequences " + segment.firstSequence() + ".." + segment.lastSequence() + "  "
                            + segment.records() + " records";
            long fill = segment.sizeBytes() - segment.intactBytes();
            String damaged = scan.damage().filter(damage -> damage.file().equals(segment.file()))
                    .map(damage -> "  damaged at offset " + damage.offset())
                    // what follows the records of an undamaged segment can only be the log's fill
                    .orElse(fill > 0 ? "  (" + fill + " of them preallocated, not written yet)" : "");
            out.printf("  %s  %s  %d bytes%s%n", segment.file().getFileName(), content, segment.sizeBytes(), damaged);
        }
        for (Path notScanned : scan.notScanned()) {
            out.printf("  %s  not read (after the damage)  %d bytes%n", notScanned.getFileName(),
                    Files.size(notScanned));
        }
        lastLogSequence = scan.lastSequence();
        out.printf(ROW, "records", scan.records());
        out.printf(ROW, "events", scan.events());
        out.printf(ROW, "bytes", scan.totalBytes() + " (" + scan.intactBytes() + " in intact records)");
        out.printf(ROW, "first sequence", scan.records() == 0 ? "none" : scan.firstSequence());
        out.printf(ROW, "last sequence", scan.records() == 0 ? "none" : scan.lastSequence());
        for (LogScanner.CoveredGap gap : scan.coveredGaps()) {
            out.printf(ROW, "covered by snapshot", "sequences " + gap.fromSequence() + ".." + gap.toSequence()
                    + " are not in the log; snapshot " + recoverySnapshot + " holds their effect");
        }
        out.printf(ROW, "opening replays", recoverySnapshot == 0 ? "the whole log"
                : "the log after snapshot " + recoverySnapshot);
        out.println("events by entity type");
        eventsByEntityType.forEach((type, count) -> out.printf("  %-20s %d%n", type, count));
        out.println("events by event type");
        eventsByEventType.forEach((type, count) -> out.printf("  %-20s %d%n", type, count));
        for (String problem : decodeProblems) {
            corruption(problem);
        }
        scan.damage().ifPresent(damage -> {
            if (LithairCli.reportDamage(damage, err) == LithairCli.CORRUPT) {
                corrupt = true;
            } else {
                tornTail = true;
            }
        });
    }

    /** Decodes one record and counts its events; returns what is wrong with it, or {@code null}. */
    private String count(Frame frame) {
        LogRecord record;
        try {
            record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
        } catch (RuntimeException e) {
            return "the record's checksum matches but it does not decode: " + LithairCli.shortMessage(e);
        }
        if (record.firstSequence() != frame.firstSequence() || record.events().size() != frame.eventCount()) {
            return "the record's header says sequences " + frame.firstSequence() + ".." + frame.lastSequence()
                    + " but its events are " + record.firstSequence() + ".." + record.lastSequence();
        }
        for (EventEnvelope event : record.events()) {
            eventsByEntityType.merge(event.entityType(), 1L, Long::sum);
            eventsByEventType.merge(event.eventType(), 1L, Long::sum);
        }
        return null;
    }

    private void corruption(String diagnostic) {
        err.println(diagnostic);
        corrupt = true;
    }
}
