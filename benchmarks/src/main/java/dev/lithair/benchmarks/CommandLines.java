package dev.lithair.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reads a benchmark main's command line with picocli, so every main parses, checks and explains its
 * options the same way: a wrong command line prints the message and the usage, and exits with 2.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** Fills {@code options}, a picocli {@code @Command}, from {@code args}; exits on {@code --help} or an error. */
    public static <T> T parse(T options, String[] args) {
        return parse(options, args, null);
    }

    /** As {@link #parse(Object, String[])}, the usage naming the command {@code name} when it is not null. */
    public static <T> T parse(T options, String[] args, String name) {
        parseResult(options, args, name);
        return options;
    }

    /** As {@link #parse(Object, String[], String)}, returning picocli's result, e.g. to find a subcommand. */
    public static ParseResult parseResult(Object options, String[] args, String name) {
        CommandLine commandLine = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        if (name != null) {
            commandLine.setCommandName(name);
        }
        try {
            ParseResult result = commandLine.parseArgs(args);
            if (CommandLine.printHelpIfRequested(result)) {
                System.exit(0);
            }
            return result;
        } catch (ParameterException wrong) {
            System.err.println(wrong.getMessage());
            wrong.getCommandLine().usage(System.err);
            System.exit(2);
            throw wrong;
        }
    }
}
