package dev.lithair.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.cli.LithairCli;
import dev.lithair.exception.DataDirectoryInUseException;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One store per data directory: a second one, in this process or another, is refused before it changes
 * any file, naming the directory and the holder; a lock left by a process that died is taken over; the
 * CLI reads a directory in use without writing.
 */
class DataDirectoryLockTest {

    @TempDir
    Path dir;

    private static Commit put(String id) {
        return Commit.of(new Operation.Put("Doc", id, JsonNodeFactory.instance.objectNode().put("id", id)));
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondStoreInThisProcessIsRefusedNamingTheDirectoryAndThisProcessAndChangesNoFile() throws IOException {
        DataDirectoryLock.Holder holder;
        try (LithairStore first = LithairStore.open(StoreOptions.defaults(dir))) {
            first.commit(put("a1"));
            holder = DataDirectoryLock.lastHolder(dir).orElseThrow();
            Map<String, String> before = DataDirectory.at(dir).fingerprint();
            String lockBefore = DataDirectory.at(dir).lockFileStat();

            assertThatThrownBy(() -> LithairStore.open(StoreOptions.defaults(dir)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("process " + ProcessHandle.current().pid())
                    .hasMessageContaining("host " + DataDirectoryLock.hostName());

            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(DataDirectory.at(dir).lockFileStat()).isEqualTo(lockBefore);
            first.commit(put("a2"));
            assertThat(first.get("Doc", "a2")).isPresent();
        }
        assertThat(DataDirectoryLock.lastHolder(dir)).as("the lock file as the first store wrote it").contains(holder);
        try (LithairStore afterClose = LithairStore.open(StoreOptions.defaults(dir))) {
            assertThat(afterClose.count("Doc")).isEqualTo(2);
        }
    }

    @Test
    void aStoreOfAnotherProcessIsRefusedHereNamingThatProcessAndTakenOverOnceItHasGone() throws Exception {
        Process child = start("hold");
        try {
            long childPid = awaitReady(child);
            assertThat(childPid).isEqualTo(child.pid());
            Map<String, String> before = DataDirectory.at(dir).everyFileFingerprint();

            assertThatThrownBy(() -> LithairStore.open(StoreOptions.defaults(dir)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("process " + child.pid() + " on host " + DataDirectoryLock.hostName());
            assertThat(DataDirectory.at(dir).everyFileFingerprint()).isEqualTo(before);
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            assertThat(store.get("Doc", "from-child")).isPresent();
        }
    }

    @Test
    void anotherProcessIsRefusedTheDirectoryThisProcessHoldsAndThisStoreKeepsServing() throws Exception {
        DataDirectoryLock.Holder holder;
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            store.commit(put("a1"));
            holder = DataDirectoryLock.lastHolder(dir).orElseThrow();
            Map<String, String> before = DataDirectory.at(dir).fingerprint();
            String lockBefore = DataDirectory.at(dir).lockFileStat();

            Process child = start("open");
            String answer = firstLine(child);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(answer).startsWith("REFUSED").contains(dir.toString())
                    .contains("process " + ProcessHandle.current().pid() + " on host " + DataDirectoryLock.hostName());
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(DataDirectory.at(dir).lockFileStat()).isEqualTo(lockBefore);
            store.commit(put("a2"));
            assertThat(store.count("Doc")).isEqualTo(2);
        }
        assertThat(DataDirectoryLock.lastHolder(dir)).contains(holder);
    }

    @Test
    void theLockOfAProcessKilledWithoutClosingItsStoreIsTakenOver() throws Exception {
        Process child = start("hold");
        long childPid = awaitReady(child);
        assertThat(child.toHandle().destroyForcibly()).isTrue();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(DataDirectoryLock.lastHolder(dir)).get().extracting(DataDirectoryLock.Holder::pid).isEqualTo(childPid);

        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            assertThat(store.get("Doc", "from-child")).isPresent();
            assertThat(DataDirectoryLock.lastHolder(dir)).get().extracting(DataDirectoryLock.Holder::pid)
                    .isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void verifyAndInspectReadADirectoryInUseWithoutTakingTheLockOrWritingAnythingEvenATornTail() throws Exception {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            for (int i = 1; i <= 3; i++) {
                store.commit(put("a" + i));
            }
        }
        Path segment = DataDirectory.at(dir).lastSegment();
        DataDirectory.append(segment, new byte[] { 0, 0, 0, 40, 7, 7, 7 });
        DataDirectoryLock.Holder holder;
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dir)) {
            holder = DataDirectoryLock.lastHolder(dir).orElseThrow();
            Map<String, String> before = DataDirectory.at(dir).fingerprint();
            String lockBefore = DataDirectory.at(dir).lockFileStat();
            List<String> namesBefore = fileNames();
            ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
            ByteArrayOutputStream inspectOut = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int verified = LithairCli.run(new String[] { "verify", dir.toString() }, stream(verifyOut), stream(err));
            int inspected = LithairCli.run(new String[] { "inspect", dir.toString() }, stream(inspectOut), stream(err));

            assertThat(verified).isEqualTo(LithairCli.TORN_TAIL);
            assertThat(inspected).isEqualTo(LithairCli.TORN_TAIL);
            assertThat(verifyOut.toString(StandardCharsets.UTF_8)).contains("process " + ProcessHandle.current().pid())
                    .contains("in use");
            assertThat(inspectOut.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(DataDirectory.at(dir).lockFileStat()).isEqualTo(lockBefore);
            assertThat(fileNames()).isEqualTo(namesBefore);
            assertThat(runningElsewhere()).as("the CLI dropped no lock: another process is still refused")
                    .startsWith("REFUSED");
        }
        assertThat(DataDirectoryLock.lastHolder(dir)).contains(holder);
    }

    private String runningElsewhere() throws IOException, InterruptedException {
        Process child = start("open");
        String answer = firstLine(child);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private Process start(String mode) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), DirectoryHoldingProcess.class.getName(), mode, dir.toString())
                .redirectError(Redirect.INHERIT).start();
    }

    private static long awaitReady(Process child) throws IOException {
        String line = firstLine(child);
        assertThat(line).as("the child's first line").startsWith("READY ");
        return Long.parseLong(line.substring("READY ".length()).trim());
    }

    /** Blocks until the child prints its first line; a child that dies first gives {@code null}. */
    private static String firstLine(Process child) throws IOException {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
