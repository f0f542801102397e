package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.raft.TenantMembers.Note;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.testsupport.Awaits;

/**
 * Fail-over of tenant groups after a crash: three members hosting 12 tenants, member 2 in a child JVM
 * ({@link TenantMemberProcess}) leading some of the tenants' groups, killed with SIGKILL while a writer per
 * tenant commits through members 0 and 1. Every tenant takes writes again within 3 s of the kill, no
 * acknowledged write is lost or applied twice, and the killed member, started again on its directories,
 * catches up with every acknowledged write.
 */
class TenantKillFailoverTest {

    private static final int TENANTS = 12;
    private static final int CHILD = 2;
    /** The acceptance bound: from the kill to a tenant's first acknowledged write started after it. */
    private static final Duration WRITABLE_AGAIN = Duration.ofSeconds(3);
    /** How long the balancer has to hand the child some leaderships before the test gives up. */
    private static final Duration CHILD_LEADS = Duration.ofSeconds(20);
    private static final int CHILD_LEADS_AT_LEAST = 3;
    private static final Duration WRITING_AFTER_KILL = Duration.ofSeconds(5);
    /** How long one write may go on failing before its writer gives up and the test fails. */
    private static final Duration WRITE_GIVES_UP = Duration.ofSeconds(30);
    private static final Path CHILD_LOGS = Path.of("target", "tenant-kill-failover").toAbsolutePath();

    @TempDir
    Path root;

    private TenantMembers members;
    private ChildMember child;
    private final List<TenantWriter> writers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        stopWriters();
        if (child != null) {
            child.kill();
        }
        if (members != null) {
            members.close();
        }
    }

    @Test
    void afterKillNineOfAMemberEveryTenantTakesWritesWithinThreeSecondsAndNoAcknowledgedWriteIsLost()
            throws Exception {
        members = new TenantMembers(root);
        child = ChildMember.start(members, CHILD, CHILD_LOGS.resolve("member-2-first.log"));
        members.startMember(0);
        members.startMember(1);
        List<String> tenants = IntStream.range(0, TENANTS).mapToObj(i -> String.format("tenant-%02d", i)).toList();
        for (int i = 0; i < TENANTS; i++) {
            writers.add(new TenantWriter(members, tenants.get(i), i % 2));
        }
        writers.forEach(TenantWriter::start);

        // given every tenant written to, and the child leading some tenants' groups
        Awaits.await().until(() -> writers.stream().allMatch(writer -> writer.acknowledged.size() > 0));
        String childAddress = members.peers().get(CHILD);
        if (!Awaits.within(CHILD_LEADS, Duration.ofMillis(100),
                () -> ledBy(childAddress) >= CHILD_LEADS_AT_LEAST)) {
            fail("member 2 (%s) led fewer than %d of the %d tenant groups after %s; leaders seen by member 0: %s",
                    childAddress, CHILD_LEADS_AT_LEAST, TENANTS, CHILD_LEADS, leaderCounts());
        }
        Set<String> ledByChild = members.cluster(0).tenantLeaders().entrySet().stream()
                .filter(entry -> childAddress.equals(entry.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));

        // when the child is killed with SIGKILL while the writers go on
        Kill kill = child.killWithSigkill();
        writers.forEach(writer -> writer.kill = kill);
        // in time or not, the assertions below tell which tenant took no write again
        Awaits.within(Awaits.PATIENCE, Duration.ofMillis(50),
                () -> System.nanoTime() - kill.sentNanos() >= WRITING_AFTER_KILL.toNanos() && writers.stream()
                        .allMatch(writer -> writer.writableAgainNanos >= 0 || writer.failure != null));
        stopWriters();

        // then no writer failed, and each tenant took a write again within the bound
        for (TenantWriter writer : writers) {
            assertThat(writer.failure).as("the writer of %s", writer.tenant).isNull();
        }
        Map<String, Long> writableAgainMillis = new TreeMap<>();
        writers.forEach(writer -> writableAgainMillis.put(writer.tenant, writer.writableAgainNanos < 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(writer.writableAgainNanos)));
        long[] sorted = writableAgainMillis.values().stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("Tenant fail-over after kill -9 of member 2 (it led %s; dead %d ms after the SIGKILL): ms "
                + "from the SIGKILL to each tenant's first acknowledged write started after the death: %s; median %d, "
                + "max %d%n", ledByChild, TimeUnit.NANOSECONDS.toMillis(kill.deadNanos() - kill.sentNanos()),
                writableAgainMillis, (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
                sorted[sorted.length - 1]);

        // and members 0 and 1 hold every acknowledged write, each applied once
        for (TenantWriter writer : writers) {
            for (int member = 0; member < 2; member++) {
                LithairStore store = members.store(member, writer.tenant);
                store.awaitReadable(ReadConsistency.LINEARIZABLE);
                assertThat(store.findAll(Note.class)).extracting(Note::id)
                        .as("the notes of %s on member %d", writer.tenant, member)
                        .containsExactlyInAnyOrderElementsOf(writer.acknowledged);
                assertThat(store.lastSequence()).as("events of %s on member %d, one per acknowledged write",
                        writer.tenant, member).isEqualTo(writer.acknowledged.size());
            }
        }
        assertThat(writableAgainMillis).as("ms until each tenant took a write again after the kill")
                .allSatisfy((tenant, millis) -> assertThat(millis).isBetween(0L, WRITABLE_AGAIN.toMillis()));

        // and the child, started again on its directories, catches up with every acknowledged write
        child = ChildMember.start(members, CHILD, CHILD_LOGS.resolve("member-2-restarted.log"));
        Awaits.await().pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (TenantWriter writer : writers) {
                ChildMember.Notes notes = child.notes(writer.tenant);
                assertThat(notes.ids()).as("the notes of %s on the restarted member 2", writer.tenant)
                        .containsExactlyInAnyOrderElementsOf(writer.acknowledged);
                assertThat(notes.lastSequence()).as("events of %s on the restarted member 2", writer.tenant)
                        .isEqualTo(writer.acknowledged.size());
            }
        });
        System.out.printf("Tenant groups led by each member once member 2 caught up, as member 0 sees them: %s%n",
                leaderCounts());
    }

    private long ledBy(String address) {
        return members.cluster(0).tenantLeaders().values().stream().filter(address::equals).count();
    }

    private Map<String, Long> leaderCounts() {
        return members.cluster(0).tenantLeaders().values().stream()
                .collect(Collectors.groupingBy(leader -> leader == null ? "none" : leader, TreeMap::new,
                        Collectors.counting()));
    }

    private void stopWriters() throws InterruptedException {
        writers.forEach(writer -> writer.stopping = true);
        for (TenantWriter writer : writers) {
            writer.thread.join(WRITE_GIVES_UP.toMillis() + 5_000);
            assertThat(writer.thread.isAlive()).as("the writer of %s stopped", writer.tenant).isFalse();
        }
    }

    /**
     * When the child was killed, as {@link System#nanoTime()}: the SIGKILL sent, and the process reaped. On a
     * loaded machine the child goes on answering for a while after the signal, so a write counts as started
     * after the kill only from its death on, and its time is counted from the signal: the figure includes
     * the time the kernel took to stop the child.
     */
    record Kill(long sentNanos, long deadNanos) {
    }

    /**
     * Commits new notes to one tenant through one member until told to stop, each with its id as idempotency
     * key; a commit that fails as unavailable is retried with the same key until acknowledged, so every write
     * it started ends acknowledged. Records the ids acknowledged, and the time from the kill to the first
     * acknowledged commit started after the child's death.
     */
    private static final class TenantWriter implements Runnable {

        final String tenant;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Thread thread;
        private final TenantMembers members;
        private final int member;
        /** The kill of the child, once it is dead; {@code null} before. */
        volatile Kill kill;
        /** From the kill to the first acknowledged commit started after the child's death; -1 until then. */
        volatile long writableAgainNanos = -1;
        volatile Throwable failure;
        volatile boolean stopping;

        TenantWriter(TenantMembers members, String tenant, int member) {
            this.members = members;
            this.tenant = tenant;
            this.member = member;
            this.thread = new Thread(this, "writer-" + tenant);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                LithairStore store = members.store(member, tenant);
                for (int n = 0; !stopping; n++) {
                    String id = tenant + "-" + n;
                    commitUntilAcknowledged(store, new Commit(id, null,
                            List.of(new Operation.Put("Note", id, new Note(id, "written through member " + member)))));
                    acknowledged.add(id);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void commitUntilAcknowledged(LithairStore store, Commit commit) throws InterruptedException {
            long givesUp = System.nanoTime() + WRITE_GIVES_UP.toNanos();
            while (true) {
                long started = System.nanoTime();
                try {
                    store.commit(commit);
                    Kill known = kill;
                    if (known != null && started - known.deadNanos() >= 0 && writableAgainNanos < 0) {
                        writableAgainNanos = System.nanoTime() - known.sentNanos();
                    }
                    return;
                } catch (StoreUnavailableException unavailable) {
                    if (System.nanoTime() - givesUp > 0) {
                        throw unavailable;
                    }
                    Thread.sleep(20); // the tenant has no reachable leader for a moment: try again shortly
                }
            }
        }
    }

    /**
     * Member {@code index} in a child JVM ({@link TenantMemberProcess}) on the directories
     * {@link TenantMembers} gives it; its stderr goes to a log file, kept for a look after a failure.
     */
    private static final class ChildMember {

        record Notes(long lastSequence, List<String> ids) {
        }

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Path log;

        private ChildMember(Process process, Path log) {
            this.process = process;
            this.log = log;
            Thread reader = new Thread(this::readLines, "child-member-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static ChildMember start(TenantMembers members, int index, Path log) throws IOException, InterruptedException {
            Files.createDirectories(log.getParent());
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), TenantMemberProcess.class.getName(),
                    Integer.toString(index), String.join(",", members.peers()),
                    members.memberDirectory(index).toString());
            Process process = new ProcessBuilder(command).redirectError(Redirect.to(log.toFile())).start();
            ChildMember child = new ChildMember(process, log);
            child.awaitLine("READY", Duration.ofSeconds(60));
            return child;
        }

        private void readLines() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }

        private String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("member 2 printed no line starting with '" + prefix + "' within "
                            + timeout + " (alive: " + process.isAlive() + "; its log: " + log + ")");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** The notes the child's store of {@code tenant} holds, read there. */
        Notes notes(String tenant) throws IOException, InterruptedException {
            OutputStream in = process.getOutputStream();
            in.write(("IDS " + tenant + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String[] words = awaitLine("IDS " + tenant + " ", Duration.ofSeconds(30)).split(" ", -1);
            List<String> ids = words.length < 4 || words[3].isEmpty() ? List.of() : Arrays.asList(words[3].split(","));
            return new Notes(Long.parseLong(words[2]), ids);
        }

        /** Kills the child with SIGKILL, checks that it died of it, and tells when. */
        Kill killWithSigkill() throws InterruptedException {
            assertThat(process.isAlive()).as("member 2 was running when the kill came").isTrue();
            long sent = System.nanoTime();
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("member 2 died after SIGKILL").isTrue();
            long dead = System.nanoTime();
            assertThat(process.exitValue()).as("exit code of a JVM killed by SIGKILL (128 + 9)").isEqualTo(137);
            return new Kill(sent, dead);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
