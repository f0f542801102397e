package dev.lithair.cli;

import static dev.lithair.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.backup.BackupInfo;
import dev.lithair.backup.Backups;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Entities;
import dev.lithair.support.MutableClock;

class BackupCliTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);


    private Path data() {
        return dir.resolve("data");
    }

    private StoreOptions options(Path directory) {
        return Entities.fastOptions(directory).withClock(clock);
    }

    /** Products p0..p4 created at 10:00..10:04, then p0 updated at 10:05 (sequences 1..6). */
    private void writeShop(LithairStore store) {
        for (int i = 0; i < 5; i++) {
            clock.set(T0.plusSeconds(60L * i));
            store.commit(Entities.createProduct("p" + i, "Lamp", i));
        }
        clock.set(T0.plusSeconds(300));
        store.commit(Entities.createProduct("p0", "Lamp", 100));
    }

    private Map<String, Integer> prices(Path directory) {
        try (LithairStore store = LithairStore.open(options(directory))) {
            Map<String, Integer> prices = new TreeMap<>();
            store.all("Product").forEach(p -> prices.put(p.get("id").asString(), p.get("price").asInt()));
            return prices;
        }
    }

    @Test
    void backupOfARunningStoresDirectoryWritesAFolderThatVerifiesAndRestores() {
        Path backup = dir.resolve("backup");
        try (LithairStore store = LithairStore.open(options(data()))) {
            writeShop(store);
            Map<String, String> before = DataDirectory.at(data()).fingerprint();

            CliRun run = cli("backup", data().toString(), backup.toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isEqualTo(LithairCli.OK);
            assertThat(run.out()).containsPattern("(?m)^backup\\s+" + java.util.regex.Pattern.quote(backup.toString())
                    + "$").containsPattern("(?m)^sequence\\s+6$").containsPattern("(?m)^bytes\\s+\\d+$");
            assertThat(DataDirectory.at(data()).fingerprint()).isEqualTo(before);
            store.commit(Entities.createProduct("p9", "Later", 9));
        }

        CliRun verify = cli("verify", backup.toString());

        assertThat(verify.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(verify.err()).isEmpty();
        assertThat(verify.out()).containsPattern("(?m)^backup\\s+backup, sequence 6, taken \\S+, 2 files, \\d+ bytes$")
                .containsPattern("(?m)^status\\s+intact$");

        CliRun restore = cli("restore", backup.toString(), dir.resolve("restored").toString());

        assertThat(restore.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(prices(dir.resolve("restored"))).containsExactly(Map.entry("p0", 100), Map.entry("p1", 1),
                Map.entry("p2", 2), Map.entry("p3", 3), Map.entry("p4", 4));
    }

    @Test
    void restoreToASequenceOrAnInstantPrintsWhatItRestored() {
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(options(data()))) {
            writeShop(store);
            backup = store.backup(dir.resolve("backups")).join();
        }

        CliRun toSequence = cli("restore", backup.directory().toString(), dir.resolve("s").toString(), "--to-sequence", "3");
        CliRun toTime = cli("restore", "--to-time", "2026-12-07T10:01:30Z", backup.directory().toString(),
                dir.resolve("t").toString());
        CliRun withOffset = cli("restore", backup.directory().toString(), dir.resolve("o").toString(),
                "--to-time=2026-12-07T11:03:00+01:00");

        assertThat(toSequence.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(toSequence.err()).isEmpty();
        assertThat(toSequence.out())
                .containsPattern("(?m)^restore point\\s+sequence 3$")
                .containsPattern("(?m)^sequence\\s+3$")
                .containsPattern("(?m)^snapshot\\s+none \\(the log from sequence 1\\)$")
                .containsPattern("(?m)^commits in the log\\s+3 after the snapshot$")
                .containsPattern("(?m)^last commit at\\s+2026-12-07T10:02:00Z$")
                .containsPattern("(?m)^files\\s+2$")
                .containsPattern("(?m)^  events-00000000000000000001\\.raftlog$");
        assertThat(prices(dir.resolve("s"))).containsOnlyKeys("p0", "p1", "p2");
        assertThat(toTime.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(toTime.out()).containsPattern("(?m)^sequence\\s+2$");
        assertThat(prices(dir.resolve("t"))).containsOnlyKeys("p0", "p1");
        assertThat(withOffset.exitCode()).isEqualTo(LithairCli.OK);
        assertThat(prices(dir.resolve("o"))).containsOnlyKeys("p0", "p1", "p2", "p3");
    }

    @Test
    void refusalsExitWithTheirCodeAndCreateNothing() throws IOException {
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(options(data()))) {
            writeShop(store);
            backup = store.backup(dir.resolve("backups")).join();
        }
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        Path target = dir.resolve("target");

        CliRun backupIntoBusy = cli("backup", data().toString(), busy.toString());
        CliRun restoreIntoBusy = cli("restore", backup.directory().toString(), busy.toString());
        CliRun beyondTheEnd = cli("restore", backup.directory().toString(), target.toString(), "--to-sequence", "7");
        CliRun badInstant = cli("restore", backup.directory().toString(), target.toString(), "--to-time", "yesterday");
        CliRun notABackup = cli("restore", data().toString(), target.toString());

        assertThat(backupIntoBusy.exitCode()).isEqualTo(LithairCli.REFUSED);
        assertThat(backupIntoBusy.err()).startsWith("lithair: ").contains("is not empty");
        assertThat(restoreIntoBusy.exitCode()).isEqualTo(LithairCli.REFUSED);
        assertThat(beyondTheEnd.exitCode()).isEqualTo(LithairCli.REFUSED);
        assertThat(beyondTheEnd.err()).contains("ends at sequence 6");
        assertThat(badInstant.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(badInstant.err()).contains("'yesterday' is not an ISO-8601 instant");
        assertThat(notABackup.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(notABackup.err()).contains("is not a complete backup");
        for (CliRun run : new CliRun[] {backupIntoBusy, restoreIntoBusy, beyondTheEnd, badInstant, notABackup}) {
            assertThat(run.out()).isEmpty();
        }
        assertThat(target).doesNotExist();
        assertThat(DataDirectory.at(busy).fingerprint()).containsOnlyKeys("keep.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup DIR", "restore DIR", "restore DIR NEW --to-sequence 0",
            "restore DIR NEW --to-sequence many", "restore DIR NEW --to-sequence 2 --to-time 2026-12-07T10:00:00Z",
            "backup DIR NEW EXTRA"})
    void badArgumentsPrintUsageOnStderrAndExitSixtyFour(String line) {
        String[] args = line.replace("DIR", dir.toString()).replace("NEW", dir.resolve("new").toString()).split(" ");

        CliRun run = cli(args);

        assertThat(run.exitCode()).isEqualTo(LithairCli.USAGE);
        assertThat(run.err()).startsWith("lithair: ").contains("Usage: java -jar");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void verifyOfABackupFolderChangedAfterItWasTakenReportsCorruption() throws IOException {
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(options(data()))) {
            writeShop(store);
            backup = store.backup(dir.resolve("backups")).join();
        }
        try (LithairStore opened = LithairStore.open(options(backup.directory()))) {
            opened.commit(Entities.createProduct("p7", "Added", 7));
            opened.snapshot().join();
        }

        CliRun run = cli("verify", backup.directory().toString());

        assertThat(run.exitCode()).isEqualTo(LithairCli.CORRUPT);
        assertThat(run.err()).contains("the backup should end at sequence 6 but its log and snapshots end at 7")
                .contains("state-00000000000000000007.raftsnap: it is not in backup.json");
        assertThat(Backups.list(dir.resolve("backups"))).hasSize(1);
    }

    @Test
    void usageListsTheNewCommandsAndExitCodes() {
        CliRun run = cli("--help");

        assertThat(run.out()).contains("backup", "restore", "backup and restore write only to their target folder")
                .containsPattern("(?m)^\\s+3\\s+refused");
    }
}
