package dev.lithair.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.lithair.internal.log.LogScanner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line of the engine jar: {@code verify} checks a data directory (or a backup folder) without
 * changing it, {@code inspect} prints its events as JSON lines, {@code backup} copies it into a new backup
 * folder and {@code restore} builds a new data directory from a backup folder. None takes the directory's lock
 * or writes to it (backup and restore write only to their target), so all may run on a directory a store has
 * open: they then read a moment of a moving log (a record being written may show as a torn tail, which verify
 * and inspect only report and backup leaves out).
 *
 * <p>Results go to the output stream, diagnostics to the error stream. Exit codes: {@value #OK} intact (or
 * written), {@value #TORN_TAIL} torn tail (the store truncates it on next open), {@value #CORRUPT} corruption
 * (the store refuses to open; a backup or restore of damaged data is refused), {@value #REFUSED} a backup or
 * restore refused (its target is not empty, or the backup does not reach the point asked: nothing was written),
 * {@value #USAGE} bad arguments, {@value #INTERNAL_ERROR} a bug in the tool, {@value #IO_ERROR} a file could not
 * be read or written. The arguments are parsed by picocli.
 */
@Command(name = LithairCli.NAME, customSynopsis = LithairCli.NAME + " <command> <dir> [<target-dir>] [options]",
        description = {"Checks, prints, backs up and restores a Lithair data directory. verify and inspect write "
                + "nothing; backup and restore write only to their target folder, which must not exist or be empty. "
                + "All may run on the directory of a store in use: they then read a moment of a log that may be "
                + "growing."},
        subcommands = {VerifyCommand.class, InspectCommand.class, BackupCommand.class, RestoreCommand.class,
                HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {LithairCli.EXIT_OK_OR_WRITTEN, LithairCli.EXIT_TORN_TAIL, LithairCli.EXIT_CORRUPT,
                LithairCli.EXIT_REFUSED, LithairCli.EXIT_USAGE, LithairCli.EXIT_INTERNAL_ERROR, LithairCli.EXIT_IO_ERROR})
public final class LithairCli implements Callable<Integer> {

    /** Exit code: the directory is whole, or the command wrote what it was asked. */
    public static final int OK = 0;
    /** Exit code: the log ends with a torn record, which opening the store cuts off. */
    public static final int TORN_TAIL = 1;
    /** Exit code: the directory holds damage that opening the store refuses. */
    public static final int CORRUPT = 2;
    /** Exit code: a backup or restore was refused; nothing was written. */
    public static final int REFUSED = 3;
    /** Exit code: the command line is wrong (sysexits {@code EX_USAGE}). */
    public static final int USAGE = 64;
    /** Exit code: the tool failed unexpectedly (sysexits {@code EX_SOFTWARE}). */
    public static final int INTERNAL_ERROR = 70;
    /** Exit code: reading or writing failed (sysexits {@code EX_IOERR}). */
    public static final int IO_ERROR = 74;

    /** How the tool is called, as its usage says. */
    static final String NAME = "java -jar lithair-engine-<version>-cli.jar";
    static final String EXIT_OK = OK + ":intact";
    static final String EXIT_TORN_TAIL = TORN_TAIL + ":torn tail (the store truncates it on next open)";
    static final String EXIT_CORRUPT = CORRUPT + ":corruption (the store refuses to open; backup and restore refuse "
            + "to copy it)";
    static final String EXIT_REFUSED = REFUSED + ":refused: the target is not empty, or the backup does not reach "
            + "the point asked (nothing was written)";
    static final String EXIT_WRITTEN = OK + ":written";
    static final String EXIT_OK_OR_WRITTEN = OK + ":intact, or written (backup, restore)";
    static final String EXIT_DAMAGED_SOURCE = CORRUPT + ":the source is damaged (verify it): nothing was written";
    static final String EXIT_USAGE = USAGE + ":bad arguments";
    static final String EXIT_INTERNAL_ERROR = INTERNAL_ERROR + ":internal error";
    static final String EXIT_IO_ERROR = IO_ERROR + ":read or write error";

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this help and exits.")
    private boolean help;

    private LithairCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs one command line.
     *
     * @param args the command line
     * @param out  where results go
     * @param err  where errors go
     * @return the process exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LithairCli cli = new LithairCli(out, err);
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
        CommandLine commandLine = new CommandLine(cli)
                .setOut(outWriter)
                .setErr(errWriter)
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setParameterExceptionHandler(cli::badArguments)
                .setExecutionExceptionHandler((failure, failed, parsed) -> cli.internalError(failure));
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
            out.flush();
            err.flush();
        }
    }

    /** No command: the usage, on the output stream. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return OK;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Bad arguments: what is wrong, then the usage of the command they were given to, on the error stream. */
    private int badArguments(ParameterException bad, String[] args) {
        err.println("lithair: " + bad.getMessage());
        err.println();
        bad.getCommandLine().usage(err);
        return USAGE;
    }

    /** A command failed in a way it does not report itself: a bug in the tool, never a finding about the data. */
    private int internalError(Exception failure) {
        // Not 1, which the JVM would use for an uncaught exception and which means a torn tail here.
        err.println("lithair: internal error");
        failure.printStackTrace(err);
        return INTERNAL_ERROR;
    }

    /** Prints the diagnostic for a log damage; returns the exit code it means. */
    static int reportDamage(LogScanner.Damage damage, PrintStream err) {
        String file = damage.file().getFileName().toString();
        if (damage.isTornTail()) {
            err.println("torn tail at " + file + " offset " + damage.offset()
                    + ": the store will truncate it on next open (" + damage.reason() + ")");
            return TORN_TAIL;
        }
        String follows = damage.kind() == LogScanner.DamageKind.DAMAGED_RECORD
                ? ", and intact records follow: this is not a torn tail" : "";
        err.println("corruption at " + file + " offset " + damage.offset() + ": " + damage.reason() + follows);
        return CORRUPT;
    }

    /**
     * Prints why a backup or restore was refused; returns the exit code it means: damaged data is corruption,
     * a source that is not what the command takes is a bad argument, the rest is a refusal.
     */
    static int refused(dev.lithair.exception.BackupRefusedException refused, PrintStream err) {
        err.println("lithair: " + refused.getMessage());
        return switch (refused.reason()) {
            case DAMAGED -> CORRUPT;
            case NOT_A_BACKUP, NOT_A_DATA_DIRECTORY -> USAGE;
            case TARGET_NOT_EMPTY, UNREACHABLE_POINT -> REFUSED;
        };
    }

    /** A first line of an exception's message, short enough for a diagnostic. */
    static String shortMessage(Exception e) {
        String message = e instanceof tools.jackson.core.JacksonException jackson ? jackson.getOriginalMessage()
                : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }
}
