package dev.lithair.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.lithair.backup.BackupInfo;
import dev.lithair.backup.Backups;
import dev.lithair.exception.BackupRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backup <data-dir> <target-dir>}: copies a data directory into a new backup folder with
 * {@link Backups#copy}. Takes no lock and writes nothing in the data directory, which a store may have open.
 * Not thread-safe; one instance runs once.
 */
@Command(name = "backup", description = {"Copies a data directory into a new backup folder: meta.raftmeta, the "
        + "snapshots, the log segments (the last one up to its last whole record), then a manifest, backup.json. "
        + "Takes no lock and writes nothing in <data-dir>, which a running store may hold (a running store backs "
        + "itself up more cheaply, at an exact sequence, with LithairStore.backup). <target-dir> must not exist or "
        + "be empty: nothing is overwritten."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {LithairCli.EXIT_WRITTEN, LithairCli.EXIT_DAMAGED_SOURCE, LithairCli.EXIT_REFUSED, LithairCli.EXIT_USAGE,
                LithairCli.EXIT_INTERNAL_ERROR, LithairCli.EXIT_IO_ERROR})
final class BackupCommand implements Callable<Integer> {

    private static final String ROW = "%-22s %s%n";

    @ParentCommand
    private LithairCli cli;

    @Parameters(index = "0", paramLabel = "<data-dir>", description = "The data directory.")
    private Path directory;

    @Parameters(index = "1", paramLabel = "<target-dir>", description = "The backup folder to write: new or empty.")
    private Path target;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this help and exits.")
    private boolean help;

    @Override
    public Integer call() {
        PrintStream out = cli.out();
        PrintStream err = cli.err();
        try {
            if (!Files.isDirectory(directory)) {
                err.println("lithair: " + directory + " is not a directory");
                return LithairCli.USAGE;
            }
            BackupInfo backup = Backups.copy(directory, target);
            out.printf(ROW, "backup", backup.directory().toAbsolutePath().normalize());
            out.printf(ROW, "sequence", backup.sequence());
            out.printf(ROW, "time", backup.time());
            out.printf(ROW, "bytes", backup.bytes());
            return LithairCli.OK;
        } catch (BackupRefusedException refused) {
            return LithairCli.refused(refused, err);
        } catch (UncheckedIOException e) {
            err.println("lithair: backing up " + directory + " into " + target + " failed: " + e.getCause());
            return LithairCli.IO_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
