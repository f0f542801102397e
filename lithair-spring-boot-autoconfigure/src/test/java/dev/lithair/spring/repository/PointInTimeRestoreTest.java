package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.lithair.backup.BackupInfo;
import dev.lithair.backup.Backups;
import dev.lithair.backup.RestorePoint;
import dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.repository.ledger.LedgerApplication;
import dev.lithair.spring.repository.ledger.PriceTag;
import dev.lithair.spring.repository.ledger.PriceTagRepository;
import dev.lithair.store.LithairStore;

/**
 * A backup restored to an instant, or to a sequence, holds exactly the state that
 * {@code findById(id, instant)} reported for every entity, {@code @Version} included.
 */
class PointInTimeRestoreTest {

    @TempDir
    Path root;

    /** A moment between two rounds of price changes: what the application reported, and where the log was. */
    record Checkpoint(Instant instant, long sequence, Map<String, Optional<PriceTag>> reported) {
    }

    private ApplicationContextRunner application(Path dataDir) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairRepositoriesAutoConfiguration.class, LithairTransactionAutoConfiguration.class))
                .withUserConfiguration(LedgerApplication.class)
                .withPropertyValues("lithair.data-dir=" + dataDir, "lithair.storage.fsync=never");
    }

    @Test
    void aRestoreToAnInstantOrASequenceHoldsExactlyTheStateTheAsOfReadReported() {
        List<String> ids = List.of("t1", "t2", "t3");
        List<Checkpoint> checkpoints = new ArrayList<>();
        BackupInfo[] backup = new BackupInfo[1];
        application(root.resolve("data")).run(context -> {
            PriceTagRepository tags = context.getBean(PriceTagRepository.class);
            LithairStore store = context.getBean(LithairStore.class);
            List<Instant> moments = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            pause(moments, sequences, store);
            tags.save(new PriceTag("t1", "lamp", new BigDecimal("10"), null));
            tags.save(new PriceTag("t2", "desk", new BigDecimal("200"), null));
            pause(moments, sequences, store);
            for (int round = 1; round <= 3; round++) {
                for (String id : round == 1 ? List.of("t1", "t2") : round == 2 ? List.of("t1") : List.of("t1", "t3")) {
                    PriceTag tag = tags.findById(id).orElseThrow();
                    tags.save(tag.withPrice(tag.price().add(BigDecimal.ONE).toPlainString()));
                }
                if (round == 2) {
                    tags.save(new PriceTag("t3", "chair", new BigDecimal("50"), null));
                    tags.deleteById("t2");
                }
                pause(moments, sequences, store);
            }
            for (int i = 0; i < moments.size(); i++) {
                Map<String, Optional<PriceTag>> reported = new LinkedHashMap<>();
                for (String id : ids) {
                    reported.put(id, tags.findById(id, moments.get(i)));
                }
                checkpoints.add(new Checkpoint(moments.get(i), sequences.get(i), reported));
            }
            backup[0] = store.backup(root.resolve("backups")).join();
        });
        assertThat(checkpoints.get(checkpoints.size() - 1).reported().get("t1")).map(PriceTag::version).contains(3L);

        int restores = 0;
        for (Checkpoint checkpoint : checkpoints) {
            Path byTime = root.resolve("restored-time-" + restores);
            Path bySequence = root.resolve("restored-sequence-" + restores++);
            Backups.restore(backup[0].directory(), byTime, RestorePoint.time(checkpoint.instant()));
            if (checkpoint.sequence() > 0) {
                Backups.restore(backup[0].directory(), bySequence, RestorePoint.sequence(checkpoint.sequence()));
            }
            for (Path restored : checkpoint.sequence() > 0 ? List.of(byTime, bySequence) : List.of(byTime)) {
                application(restored).run(context -> {
                    PriceTagRepository tags = context.getBean(PriceTagRepository.class);
                    for (String id : ids) {
                        assertThat(tags.findById(id)).as("%s in %s", id, restored.getFileName())
                                .isEqualTo(checkpoint.reported().get(id));
                    }
                    assertThat(context.getBean(LithairStore.class).lastSequence()).isEqualTo(checkpoint.sequence());
                });
            }
        }
    }

    /** Notes an instant strictly between the commits before and after it, and the sequence reached. */
    private static void pause(List<Instant> moments, List<Long> sequences, LithairStore store) throws InterruptedException {
        Thread.sleep(5);
        moments.add(Instant.now());
        sequences.add(store.lastSequence());
        Thread.sleep(5);
    }
}
