package dev.lithair.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import dev.lithair.backup.Backups;
import dev.lithair.backup.RestorePoint;
import dev.lithair.backup.RestoreResult;
import dev.lithair.exception.BackupRefusedException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code restore <backup-dir> <new-data-dir> [--to-sequence N | --to-time INSTANT]}: builds a new data
 * directory from a backup folder with {@link Backups#restore}, whole or cut after a commit. Writes only to the
 * new directory. Not thread-safe; one instance runs once.
 */
@Command(name = "restore", description = {"Builds a new data directory from a backup folder, holding exactly the "
        + "commits up to the point asked (all of them by default): the newest snapshot at or below it, the log "
        + "segments after that snapshot, the last one cut right after the point's commit. A commit is never cut in "
        + "half. --to-time keeps the commits of the log before the first one made after INSTANT. <new-data-dir> "
        + "must not exist or be empty; a point the backup does not reach is refused and nothing is written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {LithairCli.EXIT_WRITTEN, LithairCli.EXIT_DAMAGED_SOURCE, LithairCli.EXIT_REFUSED, LithairCli.EXIT_USAGE,
                LithairCli.EXIT_INTERNAL_ERROR, LithairCli.EXIT_IO_ERROR})
final class RestoreCommand implements Callable<Integer> {

    private static final String ROW = "%-22s %s%n";

    @ParentCommand
    private LithairCli cli;

    @Parameters(index = "0", paramLabel = "<backup-dir>", description = "The backup folder (it holds backup.json).")
    private Path backup;

    @Parameters(index = "1", paramLabel = "<new-data-dir>", description = "The data directory to write: new or empty.")
    private Path target;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Point point;

    @Option(names = "--cluster-seed", description = "Marks the new directory as the seed of a new cluster: the "
            + "cluster member started first on it makes the restored state its first Raft snapshot, which the "
            + "members started after it on empty directories install.")
    private boolean clusterSeed;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this help and exits.")
    private boolean help;

    /** At most one restore point. */
    static final class Point {
        @Option(names = "--to-sequence", paramLabel = "N", required = true, converter = SequenceConverter.class,
                description = "Keeps the commits up to sequence N, which must be the last sequence of a commit.")
        private Long sequence;

        @Option(names = "--to-time", paramLabel = "INSTANT", required = true, converter = InstantConverter.class,
                description = "Keeps the commits up to the last one before the first made after INSTANT "
                        + "(ISO-8601, e.g. 2026-12-07T11:22:33Z).")
        private Instant time;
    }

    /** A sequence of 1 or more. */
    static final class SequenceConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long sequence;
            try {
                sequence = Long.parseLong(value);
            } catch (NumberFormatException notANumber) {
                throw new TypeConversionException("'" + value + "' is not a sequence number");
            }
            if (sequence < 1) {
                throw new TypeConversionException("a sequence is 1 or more, got " + sequence);
            }
            return sequence;
        }
    }

    /** An ISO-8601 instant, in UTC ({@code Z}) or with an offset. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return java.time.OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException notWithOffset) {
                    throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant with its offset, "
                            + "such as 2026-12-07T11:22:33Z or 2026-12-07T12:22:33+01:00");
                }
            }
        }
    }

    @Override
    public Integer call() {
        PrintStream out = cli.out();
        PrintStream err = cli.err();
        try {
            if (!Files.isDirectory(backup)) {
                err.println("lithair: " + backup + " is not a directory");
                return LithairCli.USAGE;
            }
            RestorePoint restorePoint = point == null ? RestorePoint.end()
                    : point.sequence != null ? RestorePoint.sequence(point.sequence) : RestorePoint.time(point.time);
            RestoreResult restored = clusterSeed ? Backups.restoreAsClusterSeed(backup, target, restorePoint)
                    : Backups.restore(backup, target, restorePoint);
            out.printf(ROW, "restored into", restored.directory().toAbsolutePath().normalize());
            out.printf(ROW, "restore point", describe(restorePoint));
            out.printf(ROW, "sequence", restored.sequence());
            out.printf(ROW, "snapshot", restored.snapshotSequence() == 0 ? "none (the log from sequence 1)"
                    : "sequence " + restored.snapshotSequence());
            out.printf(ROW, "commits in the log", restored.commits() + " after the snapshot");
            out.printf(ROW, "last commit at", restored.lastCommitTime() == null ? "not known (it is in the snapshot)"
                    : restored.lastCommitTime());
            out.printf(ROW, "files", restored.files().size());
            restored.files().forEach(file -> out.printf("  %s%n", file));
            out.printf(ROW, "bytes", restored.bytes());
            if (clusterSeed) {
                out.printf(ROW, "cluster seed", "start the first cluster member on it, then the others on empty "
                        + "directories");
            }
            return LithairCli.OK;
        } catch (BackupRefusedException refused) {
            return LithairCli.refused(refused, err);
        } catch (UncheckedIOException e) {
            err.println("lithair: restoring " + backup + " into " + target + " failed: " + e.getCause());
            return LithairCli.IO_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String describe(RestorePoint point) {
        if (point instanceof RestorePoint.Sequence sequence) {
            return "sequence " + sequence.sequence();
        }
        if (point instanceof RestorePoint.Time time) {
            return "the commits of the log before the first made after " + time.instant();
        }
        return "the end of the backup";
    }
}
