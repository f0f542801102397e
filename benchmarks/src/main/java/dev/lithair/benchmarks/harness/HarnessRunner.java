package dev.lithair.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.lithair.testsupport.TestDirectories;
import dev.lithair.benchmarks.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The comparison harness: runs every workload on every system in child processes
 * ({@link WorkloadProcess}), each measurement {@code runs} times, and writes the report
 * ({@link ResultsReport}) and its chart ({@link ResultsChart}) to {@code results/<date>.md} and
 * {@code .png}. {@code benchmarks/run.sh} is its front door.
 *
 * <p>Usage: {@code HarnessRunner [--quick] [--runs N] [--out DIR] [--work DIR] [--only w1,w2] [--systems s1,s2]
 * [--from-logs]}; {@code --systems} runs only the named systems (names as in {@link SystemsUnderTest#ALL});
 * {@code --from-logs} measures nothing and writes the report from the logs a run left in the work
 * directory (the plan options must be those of that run).
 * The exit status is 0 when the report was written (missed targets and "n/a" cells included), so
 * that CI catches a harness that no longer runs, not a slow machine.
 */
public final class HarnessRunner {

    /** The workloads run.sh runs; memory is measured by the reads workload while it loads. */
    static final String RUNNER_LOG = "runner.log";

    static final List<String> WORKLOADS = List.of("writes", "reads", "history", "restart", "http");

    private final Plan plan;
    /** The systems to run, all when empty. */
    private final Set<String> systems;
    private final Path work;
    private final Path logs;
    private final String java;
    private final String classpath;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int children;

    HarnessRunner(Plan plan, Set<String> systems, Path work) throws IOException {
        this.plan = plan;
        this.systems = systems;
        this.work = work;
        this.logs = Files.createDirectories(work.resolve("logs"));
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classpath = System.getProperty("java.class.path");
    }

    /** The command line; {@code benchmarks/run.sh} passes its options through. */
    @Command(name = "HarnessRunner", mixinStandardHelpOptions = true,
            description = "Runs every workload on every system in child JVMs and writes the report.")
    static final class Options {
        @Option(names = "--quick", description = "CI's smoke test: tiny sizes, one run")
        boolean quick;

        @Option(names = "--runs", description = "repetitions of each measurement (default 3, quick 1)")
        Integer runs;

        @Option(names = "--out", description = "where the report goes (default ${DEFAULT-VALUE})")
        Path out = Path.of("benchmarks/results");

        @Option(names = "--work", description = "data directories and logs (default ${DEFAULT-VALUE})")
        Path work = Path.of("benchmarks/target/harness");

        @Option(names = "--only", split = ",", paramLabel = "WORKLOAD",
                description = "some of writes, reads, history, restart, http; all by default")
        Set<String> only = new LinkedHashSet<>(WORKLOADS);

        @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
                description = "some of the systems (all by default)")
        Set<String> systems = new LinkedHashSet<>();

        @Option(names = "--from-logs", description = "measure nothing: write the report from the work directory's logs")
        boolean fromLogs;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args);
        if (!WORKLOADS.containsAll(options.only)) {
            throw new IllegalArgumentException("--only takes some of " + WORKLOADS + ", got " + options.only);
        }
        if (!SystemsUnderTest.ALL.containsAll(options.systems)) {
            throw new IllegalArgumentException("--systems takes some of " + SystemsUnderTest.ALL + ", got "
                    + options.systems);
        }
        boolean quick = options.quick;
        Integer runs = options.runs;
        Path out = options.out;
        Path work = options.work;
        Set<String> only = new LinkedHashSet<>(options.only);
        Set<String> systems = new LinkedHashSet<>(options.systems);
        boolean fromLogs = options.fromLogs;
        Plan plan = quick ? Plan.quickRun() : Plan.fullRun();
        if (runs != null) {
            plan = plan.withRuns(runs);
        }
        HarnessRunner runner = new HarnessRunner(plan, systems, work);
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        if (fromLogs) {
            runner.measurements.addAll(fromLogs(work));
            only.forEach(workload -> notRun(workload).stream().filter(m -> runner.selected(m.system()))
                    .forEach(runner.measurements::add));
        } else {
            Files.deleteIfExists(runner.logs.resolve(RUNNER_LOG));
            for (String workload : only) {
                runner.run(workload);
            }
        }
        Duration took = fromLogs ? null : Duration.between(started, Instant.now());
        Files.createDirectories(out);
        String name = LocalDate.now(ZoneOffset.UTC) + (quick ? "-quick" : "");
        Path report = out.resolve(name + ".md");
        Path chart = out.resolve(name + ".png");
        ResultsChart.write(runner.measurements, chart);
        // written from logs, the load of now says nothing about the run's
        String loadAfter = fromLogs ? "not recorded" : Machine.loadAverage();
        ResultsReport.write(report, chart.getFileName().toString(), plan, runner.measurements, runner.problems, took,
                fromLogs ? "not recorded" : loadBefore, loadAfter);
        System.out.println("Report: " + report + " (" + runner.children + " child processes"
                + (took == null ? ")" : ", " + took.toSeconds() + " s)"));
        if (!runner.problems.isEmpty()) {
            System.out.println("Problems (shown as n/a in the report):");
            runner.problems.forEach(p -> System.out.println("  " + p));
        }
    }

    void run(String workload) throws Exception {
        System.out.println("== " + workload);
        notRun(workload).stream().filter(m -> selected(m.system())).forEach(this::add);
        switch (workload) {
            case "writes":
                for (int run = 1; run <= plan.runs(); run++) {
                    for (String system : selected(Plan.WRITE_SYSTEMS)) {
                        measureInChild("writes", "writes", system, run, "ops=" + plan.writeOps(),
                                "capMillis=" + plan.writeCap().toMillis(), "threads=1,16,64");
                    }
                }
                break;
            case "reads":
                for (int size : plan.readSizes()) {
                    measureReads(size);
                }
                break;
            case "history":
                for (int run = 1; run <= plan.runs(); run++) {
                    for (String system : selected(Plan.HISTORY_SYSTEMS)) {
                        measureInChild("history", "history", system, run, "products=" + plan.historyProducts(system),
                                "millis=" + plan.historyDuration().toMillis());
                    }
                }
                break;
            case "restart":
                new RestartMeasurement(this).run();
                break;
            case "http":
                new HttpMeasurement(this).run();
                break;
            default:
                throw new IllegalArgumentException(workload);
        }
    }

    /**
     * The reads at one size, run by run. At the larger sizes a reopenable system loads its products in
     * its first run and its later runs reopen that directory ({@link Plan#REOPENABLE}).
     */
    private void measureReads(int size) throws Exception {
        boolean large = size > plan.readSizes().get(0);
        Map<String, Path> loaded = new HashMap<>();
        try {
            for (int run = 1; run <= plan.runs(); run++) {
                for (String system : selected(Plan.READ_SYSTEMS)) {
                    if (large && Plan.SMALL_READS_ONLY.contains(system)) {
                        continue;
                    }
                    if (!large || !Plan.REOPENABLE.contains(system)) {
                        measureInChild("reads-" + size, "reads", system, run, "size=" + size, "quick=" + plan.quick());
                        continue;
                    }
                    Path dataDir = loaded.get(system);
                    boolean prepared = dataDir != null;
                    if (!prepared) {
                        dataDir = newDataDir("reads-" + size + "-" + system);
                        loaded.put(system, dataDir);
                    }
                    measureInChild("reads-" + size, "reads", system, run, dataDir, "size=" + size,
                            "quick=" + plan.quick(), "prepared=" + prepared);
                }
            }
        } finally {
            loaded.values().forEach(TestDirectories::deleteRecursively);
        }
    }

    Plan plan() {
        return plan;
    }

    /** Whether {@code --systems} selected this system (all are, without it). */
    boolean selected(String system) {
        return systems.isEmpty() || systems.contains(system);
    }

    /** The systems of a plan's list that {@code --systems} selected, in the list's order. */
    List<String> selected(List<String> planned) {
        return planned.stream().filter(this::selected).toList();
    }

    private static final String SAME_READS_AS_ALWAYS = "reads do not depend on the fsync setting: measured once, "
            + "as lithair-always";

    /** The cells of a workload that are n/a by the plan itself, with the reason. */
    static List<Measurement> notRun(String workload) {
        List<Measurement> notes = new ArrayList<>();
        if (workload.equals("reads")) {
            for (String system : Plan.SMALL_READS_ONLY) {
                notes.add(Measurement.notAvailable("reads", system, "at 1M", Plan.smallReadsOnlyReason(system)));
            }
            for (String system : Plan.NOT_IN_HEAP) {
                notes.add(Measurement.notAvailable("memory", system, "heap per product", Plan.notInHeapReason(system)));
            }
        }
        if (workload.equals("reads")) {
            notes.add(Measurement.notAvailable("reads", "lithair-batch", "*", SAME_READS_AS_ALWAYS));
            notes.add(Measurement.notAvailable("memory", "lithair-batch", "*", SAME_READS_AS_ALWAYS));
        }
        if (workload.equals("history")) {
            notes.add(Measurement.notAvailable("history", "lithair-batch", "*", SAME_READS_AS_ALWAYS));
            notes.add(Measurement.notAvailable("history", "jpa-postgres", "*", "Envers is measured on H2 only: the "
                    + "same Envers queries, which PostgreSQL would answer with its round trips added"));
            notes.add(Measurement.notAvailable("history", "eclipsestore", "*", "keeps no history: store() replaces "
                    + "the object; an application would have to model versions itself"));
            notes.add(Measurement.notAvailable("history", "physical-limit", "*", "no physical limit for history "
                    + "queries; Lithair's are compared with the peers'"));
        }
        if (workload.equals("restart")) {
            notes.add(Measurement.notAvailable("restart", "lithair-batch", "*", "the same data and recovery as "
                    + "lithair-always: the fsync setting does not change recovery"));
            notes.add(Measurement.notAvailable("restart", "eclipsestore", "*", "not measured: its LazyHashMap loads "
                    + "entries on first access, so start-up time says little (reopening 1M products and reading each "
                    + "once took over a minute, so the reads workload loads it afresh each run)"));
            notes.add(Measurement.notAvailable("restart", "physical-limit", "*", "no state to recover"));
        }
        if (workload.equals("http")) {
            notes.add(Measurement.notAvailable("http", "axon", "*", "not measured, to keep Axon's share of the full run "
                    + "near 2 minutes; its findById, a query on Axon's query bus answered from an in-memory projection, "
                    + "is measured by the reads workload"));
            for (String system : List.of("jpa-postgres", "eclipsestore")) {
                notes.add(Measurement.notAvailable("http", system, "*", "not measured: HTTP compares Lithair with the "
                        + "usual embedded choice (JPA+H2) and the same server's ceiling; this system's writes and reads "
                        + "are in the writes and reads workloads"));
            }
            if (Machine.javaWithVirtualThreads() == null) {
                notes.add(Measurement.notAvailable("http", HttpMeasurement.VIRTUAL, "*", "no JDK 21 or later found "
                        + "(set LITHAIR_JDK21_HOME): virtual threads need one"));
            }
            notes.add(Measurement.notAvailable("http", "lithair-batch", "*", "not measured: the shop runs on Lithair's "
                    + "defaults, every commit forced"));
            notes.add(Measurement.notAvailable("http", "physical-limit", "*", "the HTTP stack's limit is the ceiling "
                    + "column: the same server storing nothing"));
        }
        return notes;
    }

    /** Keeps a measurement taken by the runner itself, also in the work directory's log, as a child's are. */
    void add(Measurement measurement) {
        measurements.add(measurement);
        try {
            Files.writeString(logs.resolve(RUNNER_LOG), measurement.toLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void problem(String workload, String system, String reason) {
        problems.add(workload + " / " + system + ": " + reason);
        add(Measurement.notAvailable(workload, system, "*", reason));
    }

    /** Every measurement the logs of a run's work directory hold: to write a report again, or of a run cut short. */
    static List<Measurement> fromLogs(Path work) throws IOException {
        List<Measurement> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve("logs"))) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Measurement measurement = Measurement.parse(line);
                    if (measurement != null) {
                        found.add(measurement);
                    }
                }
            }
        }
        return found;
    }

    /** Runs one child to completion and keeps the measurements it printed; its log is named after {@code label}. */
    private void measureInChild(String label, String workload, String system, int run, String... options)
            throws Exception {
        Path dataDir = Files.createTempDirectory(work, workload + "-" + system + "-");
        try {
            measureInChild(label, workload, system, run, dataDir, options);
        } finally {
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    /** Runs one measurement in a child on a data directory the caller owns (and deletes). */
    private void measureInChild(String label, String workload, String system, int run, Path dataDir, String... options)
            throws Exception {
        Child child = start(label + "-" + system + "-run" + run, workload, system, dataDir, options);
        List<Measurement> printed = child.await(plan.childTimeout());
        System.out.printf("  %-16s run %d: %d figures%s%n", system, run, printed.size(),
                child.failure() == null ? "" : " (" + child.failure() + ")");
        if (child.failure() != null) {
            problem(workload, system, child.failure());
        }
        measurements.addAll(printed);
    }

    /** The {@code java} binary children run on: this JVM's. */
    String java() {
        return java;
    }

    Path newDataDir(String label) throws IOException {
        return Files.createTempDirectory(work, label + "-");
    }

    /** Starts a {@link WorkloadProcess}; its output goes to a log file, read back as it is written. */
    Child start(String label, String workload, String system, Path dataDir, String... options) throws IOException {
        return start(java, label, workload, system, dataDir, options);
    }

    /** {@link #start(String, String, String, Path, String...)} on another {@code java} binary. */
    Child start(String javaBinary, String label, String workload, String system, Path dataDir, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xms512m", "-Xmx" + plan.childHeap(),
                // JOL sizes the memory cells through the VM's Instrumentation when it may attach to itself.
                "-Djmh.ignoreLock=true", "-Djdk.attach.allowAttachSelf=true", "-cp", classpath,
                WorkloadProcess.class.getName(), workload, system, dataDir.toString()));
        command.addAll(Arrays.asList(options));
        Path log = logs.resolve(label + ".log");
        children++;
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Child(process, log);
    }

    /** A running child process and its log. */
    static final class Child {
        final Process process;
        final Path log;
        final long startedNanos = System.nanoTime();
        private String failure;

        Child(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        String failure() {
            return failure;
        }

        /** Waits for the end; the measurements printed, and {@link #failure()} set when it failed. */
        List<Measurement> await(Duration timeout) throws InterruptedException, IOException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                failure = "did not finish within " + timeout.toSeconds() + " s (log: " + log + ")";
            } else if (process.exitValue() != 0) {
                failure = "failed: " + lastError() + " (log: " + log + ")";
            }
            List<Measurement> printed = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Measurement measurement = Measurement.parse(line);
                if (measurement != null) {
                    printed.add(measurement);
                }
            }
            return printed;
        }

        /** Waits until the child prints a line starting with {@code prefix}; the nanos since start, or -1. */
        long awaitLine(String prefix, Duration timeout, String[] line) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long readFrom = 0;
            StringBuilder partial = new StringBuilder();
            while (System.nanoTime() < deadline) {
                long size = Files.size(log);
                if (size > readFrom) {
                    try (var channel = Files.newByteChannel(log)) {
                        channel.position(readFrom);
                        ByteBuffer buffer = ByteBuffer.allocate((int) (size - readFrom));
                        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                            // read what is there
                        }
                        partial.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                        readFrom += buffer.position();
                    }
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        String text = partial.substring(0, newline);
                        partial.delete(0, newline + 1);
                        if (text.startsWith(prefix)) {
                            line[0] = text;
                            return System.nanoTime() - startedNanos;
                        }
                    }
                }
                if (!process.isAlive() && Files.size(log) == readFrom) {
                    failure = "exited before printing " + prefix + ": " + lastError() + " (log: " + log + ")";
                    return -1;
                }
                Thread.sleep(1);
            }
            failure = "did not print " + prefix + " within " + timeout.toSeconds() + " s (log: " + log + ")";
            process.destroyForcibly();
            return -1;
        }

        private String lastError() throws IOException {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.contains("Exception") || line.contains("Error")) {
                    return line.trim().length() > 300 ? line.trim().substring(0, 300) : line.trim();
                }
            }
            return "exit status " + process.exitValue();
        }
    }

    /** Reads a process's whole output; for short-lived tools (wrk). */
    static String readAll(Process process) throws IOException {
        StringBuilder text = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
