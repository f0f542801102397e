package dev.lithair.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.StoreMeta;

/**
 * The command line of the engine jar: {@code verify} checks a data directory without changing it,
 * {@code inspect} prints its events as JSON lines. Neither takes the directory's lock nor writes
 * anything, so both may run on a directory a store has open: they then read a moment of a moving log
 * (a record being written may show as a torn tail, which the tool only reports).
 *
 * <p>Results go to the output stream, diagnostics to the error stream. Exit codes: {@value #OK} intact,
 * {@value #TORN_TAIL} torn tail (the store truncates it on next open), {@value #CORRUPT} corruption
 * (the store refuses to open), {@value #USAGE} bad arguments, {@value #INTERNAL_ERROR} a bug in the
 * tool, {@value #IO_ERROR} the directory could not be read.
 */
public final class LithairCli {

    public static final int OK = 0;
    public static final int TORN_TAIL = 1;
    public static final int CORRUPT = 2;
    public static final int USAGE = 64;
    public static final int INTERNAL_ERROR = 70;
    public static final int IO_ERROR = 74;

    static final String USAGE_TEXT = """
            Usage: java -jar lithair-engine-<version>-cli.jar <command> <data-dir> [options]

            Commands:
              verify <data-dir>    check every log record's checksum and sequence, meta.raftmeta and every
                                   snapshot's checksum, and print counts; changes nothing
              inspect <data-dir>   print each event of the log as one JSON line
                  --from SEQ           start at event sequence SEQ
                  --type ENTITY_TYPE   only events of this entity type
                  --limit N            print at most N events

            Exit codes: 0 intact, 1 torn tail (the store truncates it on next open),
                        2 corruption (the store refuses to open), 64 bad arguments, 70 internal error,
                        74 read error.
            Both only read: on a store in use they report a moment of a log that may be growing.
            """;

    private LithairCli() {
    }

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
     * @return the process exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (UsageException e) {
            err.println("lithair: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            err.flush();
            return USAGE;
        }
        try {
            if (invocation == null) {
                out.print(USAGE_TEXT);
                return OK;
            }
            Path directory = invocation.directory();
            if (!Files.isDirectory(directory)) {
                err.println("lithair: " + directory + " is not a directory");
                return USAGE;
            }
            if (!holdsLithairData(directory)) {
                err.println("lithair: " + directory + " holds no Lithair data (no " + StoreMeta.FILE_NAME
                        + ", log segment or snapshot)");
                return USAGE;
            }
            if (invocation.command().equals("verify")) {
                return new VerifyCommand(directory, out, err).run();
            }
            return new InspectCommand(directory, invocation.from(), invocation.entityType(), invocation.limit(), out,
                    err).run();
        } catch (IOException | UncheckedIOException e) {
            err.println("lithair: cannot read " + invocation.directory() + ": " + e);
            return IO_ERROR;
        } catch (RuntimeException e) {
            // Not 1, which the JVM would use for an uncaught exception and which means a torn tail here.
            err.println("lithair: internal error");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean holdsLithairData(Path directory) throws IOException {
        return Files.exists(directory.resolve(StoreMeta.FILE_NAME))
                || !LogScanner.segmentFiles(directory).isEmpty()
                || !new SnapshotStore(directory, new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings()), 1).sequences().isEmpty();
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

    /** A first line of an exception's message, short enough for a diagnostic. */
    static String shortMessage(Exception e) {
        String message = e instanceof tools.jackson.core.JacksonException jackson ? jackson.getOriginalMessage()
                : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    /** Bad command-line arguments. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * One parsed command line.
     *
     * @param command    {@code verify} or {@code inspect}
     * @param directory  the data directory
     * @param from       inspect: first sequence printed
     * @param entityType inspect: only this entity type, or {@code null} for all
     * @param limit      inspect: most events printed
     */
    record Invocation(String command, Path directory, long from, String entityType, long limit) {

        /** Parses the arguments; {@code null} when they ask for help. */
        static Invocation parse(String[] args) throws UsageException {
            List<String> list = List.of(args);
            if (list.isEmpty() || list.contains("--help") || list.contains("-h") || list.get(0).equals("help")) {
                return null;
            }
            String command = list.get(0);
            if (!command.equals("verify") && !command.equals("inspect")) {
                throw new UsageException("unknown command '" + command + "'");
            }
            String directory = null;
            long from = 1;
            String entityType = null;
            long limit = Long.MAX_VALUE;
            for (int i = 1; i < list.size(); i++) {
                String arg = list.get(i);
                if (!arg.startsWith("--")) {
                    if (directory != null) {
                        throw new UsageException("unexpected argument '" + arg + "': " + command
                                + " takes one data directory");
                    }
                    directory = arg;
                    continue;
                }
                if (command.equals("verify")) {
                    throw new UsageException("verify takes no option, got '" + arg + "'");
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < list.size()) {
                    value = list.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                switch (name) {
                    case "--from" -> from = number(name, value, 1);
                    case "--limit" -> limit = number(name, value, 0);
                    case "--type" -> {
                        if (value.isBlank()) {
                            throw new UsageException("--type needs an entity type");
                        }
                        entityType = value;
                    }
                    default -> throw new UsageException("unknown option '" + name + "'");
                }
            }
            if (directory == null) {
                throw new UsageException(command + " needs a data directory");
            }
            try {
                return new Invocation(command, Path.of(directory), from, entityType, limit);
            } catch (InvalidPathException e) {
                throw new UsageException("'" + directory + "' is not a valid path");
            }
        }

        private static long number(String name, String value, long min) throws UsageException {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a whole number, got '" + value + "'");
            }
            if (parsed < min) {
                throw new UsageException(name + " must be at least " + min + ", got " + parsed);
            }
            return parsed;
        }
    }
}
