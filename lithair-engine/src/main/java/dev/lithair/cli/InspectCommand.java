package dev.lithair.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code inspect <dir>}: prints each event of the log, in sequence order, as one line of JSON (the
 * {@link EventEnvelope} written by the JSON mapper, whatever format the record is stored in). Stops
 * at the first damage, like opening the store does, and says so on the error stream.
 * Not thread-safe; one instance runs once.
 */
@Command(name = "inspect", description = {"Prints each event of the log as one JSON line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {LithairCli.EXIT_OK, LithairCli.EXIT_TORN_TAIL, LithairCli.EXIT_CORRUPT, LithairCli.EXIT_USAGE,
                LithairCli.EXIT_INTERNAL_ERROR, LithairCli.EXIT_IO_ERROR})
final class InspectCommand extends DataDirectoryCommand {

    private static final int ERROR_CHECK_EVERY_FRAMES = 1024;

    @Spec
    private CommandSpec spec;
    private long from = 1;
    private String entityType;
    private long limit = Long.MAX_VALUE;
    private final RecordCodec codec = new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings());
    private final JsonMapper json = codec.json();
    private long printed;
    private long frames;
    private String decodeProblem;

    @Option(names = "--from", paramLabel = "SEQ", description = "Starts at event sequence SEQ (default: 1).")
    void from(long sequence) {
        from = atLeast("--from", sequence, 1);
    }

    @Option(names = "--type", paramLabel = "ENTITY_TYPE", description = "Prints only the events of this entity type.")
    void entityType(String type) {
        if (type.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--type needs an entity type");
        }
        entityType = type;
    }

    @Option(names = "--limit", paramLabel = "N", description = "Prints at most N events.")
    void limit(long events) {
        limit = atLeast("--limit", events, 0);
    }

    private long atLeast(String option, long value, long min) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    @Override
    int run() throws IOException {
        // Gaps the newest snapshot covers are expected; the snapshot itself is not read (verify does that).
        List<Long> snapshots = new SnapshotStore(directory, codec, 1).sequences();
        long snapshotSequence = snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1);
        if (limit == 0) {
            return LithairCli.OK;
        }
        LogScanner.Result scan = LogScanner.scan(directory, snapshotSequence, this::print);
        out.flush();
        if (scan.records() > 0 && scan.firstSequence() > from) {
            err.println("note: events before sequence " + scan.firstSequence()
                    + " are no longer in the log (compacted into a snapshot)");
        }
        if (decodeProblem != null) {
            err.println(decodeProblem);
            return LithairCli.CORRUPT;
        }
        if (scan.stoppedByVisitor()) {
            return LithairCli.OK;
        }
        return scan.damage().map(damage -> LithairCli.reportDamage(damage, err)).orElse(LithairCli.OK);
    }

    private boolean print(Path segment, Frame frame) {
        if (frame.lastSequence() < from) {
            return true;
        }
        LogRecord record;
        try {
            record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
        } catch (RuntimeException e) {
            decodeProblem = "corruption at " + segment.getFileName() + " offset " + frame.offset()
                    + ": the record's checksum matches but it does not decode: " + LithairCli.shortMessage(e);
            return false;
        }
        for (EventEnvelope event : record.events()) {
            if (event.sequence() < from || entityType != null && !entityType.equals(event.entityType())) {
                continue;
            }
            out.println(json.writeValueAsString(event));
            printed++;
            if (printed >= limit) {
                return false;
            }
        }
        // A closed pipe (inspect ... | head) ends the scan instead of decoding the rest for nothing.
        // checkError() flushes, so it is asked only now and then.
        return ++frames % ERROR_CHECK_EVERY_FRAMES != 0 || !out.checkError();
    }
}
