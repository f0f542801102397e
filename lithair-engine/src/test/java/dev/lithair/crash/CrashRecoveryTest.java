package dev.lithair.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogFiles;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.TestDirectories;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kills a JVM that is committing with {@code fsync=ALWAYS} ({@link CrashingWriter}) with SIGKILL at
 * random moments, over and over on the same data directory, and after every kill checks the store the
 * next open recovers:
 * <ul>
 * <li>every acknowledged commit is present: the whole state is exactly the state the commits present
 * lead to, and per writer those are its acknowledged commits plus at most the one in flight;</li>
 * <li>exactly once: the events of the present commits number exactly {@code lastSequence()}, the
 * sequence ranges of their records (from the child's acknowledgements, or from the idempotency index
 * when unacknowledged) tile 1..lastSequence without overlap, every present key is known as applied, and
 * no key appears in two records of the log;</li>
 * <li>all or nothing: the one unacknowledged commit a writer may have left on disk is present whole
 * (the full-state comparison above) or not at all.</li>
 * </ul>
 * Cycles: {@code -Dlithair.crash.cycles} (20 in CI, 200 with {@code -Psoak}); reproduce a run with
 * {@code -Dlithair.crash.seed}. The child's stderr goes to {@code target/lithair-crash/seed-<seed>/}.
 */
class CrashRecoveryTest {

    private static final int CYCLES = Integer.getInteger("lithair.crash.cycles", 20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MIN_KILL_MILLIS = 100;
    private static final int MAX_KILL_MILLIS = 800;
    private static final int STDERR_TAIL_LINES = 60;

    @Test
    void acknowledgedCommitsSurviveKillNineExactlyOnceAndUnacknowledgedOnesAreAllOrNothing() throws Exception {
        long seed = Long.getLong("lithair.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path root = Path.of("target", "lithair-crash", "seed-" + seed).toAbsolutePath();
        Path data = root.resolve("data");
        Path crashed = root.resolve("as-killed");
        Path stderr = root.resolve("child-stderr.log");
        TestDirectories.deleteRecursively(root); // a rerun with the same seed starts from an empty directory too
        Files.createDirectories(data);
        Expected expected = new Expected();
        Summary summary = new Summary();
        long started = System.nanoTime();

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int killAfterMillis = MIN_KILL_MILLIS + random.nextInt(MAX_KILL_MILLIS - MIN_KILL_MILLIS + 1);
            try {
                ChildOutput output = runAndKill(data, cycle, killAfterMillis, stderr);
                copyDirectory(data, crashed);
                summary.inspectKilledDirectory(data);
                verifyRecovery(data, cycle, output, expected, summary);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(String.format(
                        "crash cycle %d of %d failed (seed %d, killed %d ms after READY); rerun with "
                                + "-Dlithair.crash.seed=%d. The data directory as the last kill left it: %s%n%s%n"
                                + "--- last %d lines of the child's stderr (%s) ---%n%s",
                        cycle, CYCLES, seed, killAfterMillis, seed, crashed, e, STDERR_TAIL_LINES, stderr,
                        tail(stderr, STDERR_TAIL_LINES)), e);
            }
        }

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("Crash test: %d cycles in %d s (seed %d): %s%n", CYCLES, seconds, seed, summary);
        TestDirectories.deleteRecursively(data);
        TestDirectories.deleteRecursively(crashed);
    }

    // ---- one cycle: launch, wait for READY, kill -9 ----

    private static ChildOutput runAndKill(Path data, int cycle, int killAfterMillis, Path stderr) throws Exception {
        Files.writeString(stderr, "=== cycle " + cycle + ", kill " + killAfterMillis + " ms after READY ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                data.toString(), Integer.toString(cycle));
        Process process = new ProcessBuilder(command).redirectError(Redirect.appendTo(stderr.toFile())).start();
        ChildOutput output = new ChildOutput(process.getInputStream());
        try {
            assertThat(output.awaitReady(process, READY_TIMEOUT))
                    .as("the child printed READY within %s (alive: %s)", READY_TIMEOUT, process.isAlive()).isTrue();
            Thread.sleep(killAfterMillis);
            assertThat(process.isAlive()).as("the child was still running when the kill came").isTrue();
            // SIGKILL on Linux. Through the handle: Process.destroyForcibly() would also close our end of the
            // child's stdout, losing the acknowledgements still in the pipe.
            assertThat(process.toHandle().destroyForcibly()).as("SIGKILL was sent").isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child died after SIGKILL").isTrue();
            assertThat(process.exitValue()).as("exit code of a JVM killed by SIGKILL (128 + 9)").isEqualTo(137);
            output.awaitEnd();
        } finally {
            if (process.isAlive()) {
                process.toHandle().destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            process.getOutputStream().close();
        }
        assertThat(output.problems).as("lines the child printed besides READY and ACK").isEmpty();
        return output;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Reads the child's stdout on a thread of its own: READY, then {@code ACK <key> <sequence>} lines. */
    private static final class ChildOutput {
        final Map<String, Long> acks = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile long readySequence = -1;
        volatile long readyNanos;
        volatile long firstAckNanos;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final Thread reader;

        ChildOutput(InputStream stdout) {
            reader = new Thread(() -> read(stdout), "crash-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stdout) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] words = line.split(" ");
                    if (words[0].equals("READY") && words.length == 2) {
                        readySequence = Long.parseLong(words[1]);
                        readyNanos = System.nanoTime();
                        ready.countDown();
                    } else if (words[0].equals("ACK") && words.length == 3) {
                        if (firstAckNanos == 0) {
                            firstAckNanos = System.nanoTime();
                        }
                        if (acks.put(words[1], Long.parseLong(words[2])) != null) {
                            problems.add("acknowledged twice: " + line);
                        }
                    } else {
                        problems.add(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add("reading the child's stdout failed: " + e);
            }
        }

        /** Whether the child printed READY within {@code timeout}; {@code false} as soon as it died. */
        boolean awaitReady(Process process, Duration timeout) {
            Awaits.within(timeout, Duration.ofMillis(50), () -> ready.getCount() == 0 || !process.isAlive());
            return ready.getCount() == 0;
        }

        void awaitEnd() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(reader.isAlive()).as("the child's stdout reached its end after the kill").isFalse();
        }
    }

    // ---- after the kill: reopen and check ----

    private static void verifyRecovery(Path data, int cycle, ChildOutput output, Expected expected, Summary summary)
            throws IOException {
        int[] acked = new int[CrashWorkload.WRITERS];
        for (int writer = 0; writer < CrashWorkload.WRITERS; writer++) {
            while (output.acks.containsKey(CrashWorkload.key(cycle, writer, acked[writer]))) {
                acked[writer]++;
            }
        }
        int ackedTotal = Arrays.stream(acked).sum();
        assertThat(output.acks).as("acknowledgements form a gapless prefix 0..n-1 per writer").hasSize(ackedTotal);

        assertThat(output.readySequence)
                .as("last sequence the child recovered from the store the previous check closed")
                .isEqualTo(expected.events);

        try (LithairStore store = LithairStore.open(CrashWorkload.options(data))) {
            // Which commits are present: per writer, its acknowledged ones and at most the one in flight.
            List<PresentCommit> present = new ArrayList<>();
            for (int writer = 0; writer < CrashWorkload.WRITERS; writer++) {
                int count = store.get(CrashWorkload.WRITER, CrashWorkload.writerId(cycle, writer))
                        .map(node -> node.get("last").asInt() + 1).orElse(0);
                assertThat(count).as("commits of writer %d present after the kill (%d acknowledged)", writer,
                        acked[writer]).isBetween(acked[writer], acked[writer] + 1);
                for (int index = 0; index < count; index++) {
                    Commit commit = CrashWorkload.commit(cycle, writer, index);
                    int events = expected.apply(commit);
                    present.add(new PresentCommit(commit, events, output.acks.get(commit.idempotencyKey())));
                }
                summary.unacknowledgedPresent += count - acked[writer];
            }
            summary.acknowledged += ackedTotal;
            if (ackedTotal == 0) {
                summary.killedBeforeFirstAck++;
            }

            // Present means fully present, and nothing else: the whole state is the model's.
            expected.assertSameState(store);
            assertThat(store.lastSequence()).as("last sequence = events of all commits present, each counted once")
                    .isEqualTo(expected.events);

            // Exactly once: each present key is known as applied, at the sequence it was acknowledged with,
            // and the records' sequence ranges tile 1..lastSequence.
            List<CompletableFuture<CommitResult>> replies = new ArrayList<>();
            for (PresentCommit commit : present) {
                replies.add(store.commitAsync(commit.commit()));
            }
            for (int i = 0; i < present.size(); i++) {
                PresentCommit commit = present.get(i);
                CommitResult reply = replies.get(i).join();
                String key = commit.commit().idempotencyKey();
                assertThat(reply.duplicate()).as("re-committing %s is recognised as a duplicate", key).isTrue();
                if (commit.ackedSequence() != null) {
                    assertThat(reply.sequence()).as("sequence of %s", key).isEqualTo(commit.ackedSequence());
                }
                expected.claim(key, reply.sequence() - commit.events() + 1, reply.sequence());
            }
            expected.assertSequencesTile(store.lastSequence());
            assertThat(store.lastSequence()).as("re-committing duplicates appended nothing").isEqualTo(expected.events);
            expected.assertLogRecordsOnce(data, store.lastSequence());
            summary.afterRecovery(store);
            System.out.printf("cycle %d: %d acknowledged, first after %s ms, %d unacknowledged present; recovered "
                    + "%s%n", cycle, ackedTotal, output.firstAckNanos == 0 ? "-"
                            : TimeUnit.NANOSECONDS.toMillis(output.firstAckNanos - output.readyNanos),
                    present.size() - ackedTotal, store.recovery());
        }
    }

    private record PresentCommit(Commit commit, int events, Long ackedSequence) {
    }

    /**
     * What the store must hold: the commits the test knows to be present, applied in a plain map with the
     * store's documented semantics (a put creates or changes, a put that changes nothing and a delete of
     * an absent entity produce no event).
     */
    private static final class Expected {
        private final Map<String, Map<String, ObjectNode>> entities = new LinkedHashMap<>();
        private final Map<String, Long> sequenceByKey = new HashMap<>();
        private final BitSet claimed = new BitSet();
        long events;

        /** Applies a commit to the model; returns how many events it produced. */
        int apply(Commit commit) {
            int produced = 0;
            for (Operation operation : commit.operations()) {
                Map<String, ObjectNode> table = entities.computeIfAbsent(operation.entityType(), t -> new HashMap<>());
                ObjectNode current = table.get(operation.entityId());
                if (operation instanceof Operation.Put put) {
                    ObjectNode fields = (ObjectNode) put.entity();
                    if (!fields.equals(current)) {
                        table.put(operation.entityId(), fields);
                        produced++;
                    }
                } else if (current != null) {
                    table.remove(operation.entityId());
                    produced++;
                }
            }
            events += produced;
            return produced;
        }

        void assertSameState(LithairStore store) {
            List<String> differences = new ArrayList<>();
            Set<String> types = new TreeSet<>(entities.keySet());
            types.addAll(store.stats().entityCounts().keySet());
            for (String type : types) {
                Map<String, ObjectNode> table = entities.getOrDefault(type, Map.of());
                Set<String> actualIds = new HashSet<>();
                for (ObjectNode node : store.all(type)) {
                    actualIds.add(idOf(type, node));
                }
                for (Map.Entry<String, ObjectNode> entry : table.entrySet()) {
                    ObjectNode actual = store.get(type, entry.getKey()).orElse(null);
                    if (actual == null) {
                        differences.add("missing " + type + " " + entry.getKey() + " = " + entry.getValue());
                    } else if (!actual.equals(entry.getValue())) {
                        differences.add(type + " " + entry.getKey() + " is " + actual + ", expected "
                                + entry.getValue());
                    }
                }
                for (String id : actualIds) {
                    if (!table.containsKey(id)) {
                        differences.add("unexpected " + type + " " + id + " = " + store.get(type, id).orElse(null));
                    }
                }
                if (actualIds.size() != store.all(type).size()) {
                    differences.add(type + ": " + store.all(type).size() + " entities but " + actualIds.size()
                            + " distinct ids");
                }
            }
            assertThat(differences.subList(0, Math.min(differences.size(), 40)))
                    .as("differences (%d in all) between the recovered state and the commits present "
                            + "(missing = lost or half-applied, unexpected = half-applied or applied twice)",
                            differences.size())
                    .isEmpty();
        }

        private static String idOf(String type, ObjectNode node) {
            if (type.equals(CrashWorkload.ITEM)) {
                return node.get("commitKey").asString() + "-" + node.get("part").asInt();
            }
            if (type.equals(CrashWorkload.WRITER)) {
                return CrashWorkload.writerId(node.get("cycle").asInt(), node.get("writer").asInt());
            }
            return "?" + node;
        }

        /** Records that a commit's events occupy {@code first..last}; no sequence may be claimed twice. */
        void claim(String key, long first, long last) {
            assertThat(first).as("first sequence of %s", key).isPositive();
            int from = Math.toIntExact(first);
            int to = Math.toIntExact(last) + 1;
            int overlap = claimed.get(from, to).nextSetBit(0);
            assertThat(overlap).as("sequences %d..%d of %s are already taken by another commit", first, last, key)
                    .isEqualTo(-1);
            claimed.set(from, to);
            sequenceByKey.put(key, last);
        }

        void assertSequencesTile(long lastSequence) {
            assertThat(claimed.cardinality()).as("sequences claimed by present commits").isEqualTo(lastSequence);
            assertThat(claimed.nextClearBit(1)).as("first sequence no commit claims").isEqualTo(lastSequence + 1);
        }

        /** Every record still in the log belongs to a present commit, at its sequence, and appears once. */
        void assertLogRecordsOnce(Path data, long lastSequence) throws IOException {
            RecordCodec codec = new RecordCodec(StorageFormat.JSON);
            Set<String> seen = new HashSet<>();
            List<Path> segments;
            try (Stream<Path> files = Files.list(data)) {
                segments = files.filter(p -> p.getFileName().toString().matches("events-\\d{20}\\.raftlog"))
                        .sorted().toList();
            }
            for (Path segment : segments) {
                byte[] bytes = Files.readAllBytes(segment);
                int offset = 0;
                // the active segment of the store recovered may end in preallocated fill
                int records = LogFiles.lengthWithoutFill(bytes);
                while (offset < records) {
                    Frame frame = Frame.parse(bytes, offset, bytes.length - offset, offset);
                    assertThat(frame).as("an intact record at byte %d of %s after recovery", offset,
                            segment.getFileName()).isNotNull();
                    LogRecord record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
                    String key = record.idempotencyKey();
                    assertThat(record.lastSequence()).as("record %s in %s", key, segment.getFileName())
                            .isLessThanOrEqualTo(lastSequence);
                    assertThat(seen.add(key)).as("%s appears in more than one log record", key).isTrue();
                    assertThat(sequenceByKey.get(key)).as("last sequence of the record of %s in %s", key,
                            segment.getFileName()).isEqualTo(record.lastSequence());
                    offset += frame.sizeOnDisk();
                }
            }
        }
    }

    /** What the cycles ran into, printed at the end so that a run shows what it exercised. */
    private static final class Summary {
        long acknowledged;
        int killedBeforeFirstAck;
        long unacknowledgedPresent;
        int recoveredFromSnapshot;
        int truncatedTornTail;
        int emptySegmentLeft;
        int snapshotTempLeft;
        long maxRecoveryMillis;
        long maxSegments;
        long lastSequence;

        void inspectKilledDirectory(Path data) throws IOException {
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".raftsnap.tmp")) {
                        snapshotTempLeft++;
                    } else if (name.endsWith(".raftlog") && Files.size(file) == 0) {
                        emptySegmentLeft++;
                    }
                }
            }
        }

        void afterRecovery(LithairStore store) {
            LithairStore.Recovery recovery = store.recovery();
            if (recovery.snapshotSequence() > 0) {
                recoveredFromSnapshot++;
            }
            if (recovery.truncatedBytes() > 0) {
                truncatedTornTail++;
            }
            maxRecoveryMillis = Math.max(maxRecoveryMillis, recovery.durationMillis());
            maxSegments = Math.max(maxSegments, store.stats().logSegments());
            lastSequence = store.lastSequence();
        }

        @Override
        public String toString() {
            return String.format("%d commits acknowledged, %d unacknowledged found present (whole), %d events; "
                    + "kills before the first acknowledgement: %d; recoveries from a snapshot: %d, with a torn tail "
                    + "truncated: %d; kills leaving an empty segment: %d, a snapshot .tmp: %d; longest recovery %d ms, "
                    + "most segments %d",
                    acknowledged, unacknowledgedPresent, lastSequence, killedBeforeFirstAck, recoveredFromSnapshot,
                    truncatedTornTail, emptySegmentLeft, snapshotTempLeft, maxRecoveryMillis, maxSegments);
        }
    }

    // ---- files ----

    private static void copyDirectory(Path source, Path target) throws IOException {
        TestDirectories.deleteRecursively(target);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                try {
                    Files.copy(file, target.resolve(file.getFileName()));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // nothing runs on the directory now; kept for safety
                }
            }
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no stderr file)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
