package dev.lithair.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.StoreMeta;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A command on one data directory: it refuses a path that is not a directory or holds no Lithair data
 * (bad arguments), and turns a failure to read the directory into the read-error exit code.
 * Not thread-safe; one instance runs once.
 */
abstract class DataDirectoryCommand implements Callable<Integer> {

    @ParentCommand
    private LithairCli cli;

    @Parameters(index = "0", paramLabel = "<data-dir>", description = "The data directory.")
    protected Path directory;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this help and exits.")
    private boolean help;

    protected PrintStream out;
    protected PrintStream err;

    @Override
    public final Integer call() {
        out = cli.out();
        err = cli.err();
        if (!Files.isDirectory(directory)) {
            err.println("lithair: " + directory + " is not a directory");
            return LithairCli.USAGE;
        }
        try {
            if (!holdsLithairData()) {
                err.println("lithair: " + directory + " holds no Lithair data (no " + StoreMeta.FILE_NAME
                        + ", log segment or snapshot)");
                return LithairCli.USAGE;
            }
            return run();
        } catch (IOException | UncheckedIOException e) {
            err.println("lithair: cannot read " + directory + ": " + e);
            return LithairCli.IO_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command on {@link #directory}, which holds Lithair data.
     *
     * @return the exit code
     */
    abstract int run() throws IOException;

    private boolean holdsLithairData() throws IOException {
        return Files.exists(directory.resolve(StoreMeta.FILE_NAME))
                || !LogScanner.segmentFiles(directory).isEmpty()
                || !new SnapshotStore(directory, new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings()), 1)
                        .sequences().isEmpty();
    }
}
