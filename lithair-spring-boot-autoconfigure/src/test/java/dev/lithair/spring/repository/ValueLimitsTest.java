package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.repository.sheets.Sheet;
import dev.lithair.spring.repository.sheets.SheetRepository;
import dev.lithair.spring.repository.sheets.SheetsApplication;
import dev.lithair.store.LithairStore;

/**
 * Through the repositories: a save holding a value the store could not read back is refused with
 * {@link DataIntegrityViolationException} naming the field and the limit, changes nothing, and the
 * next save succeeds; an application restarted after any mix of accepted and refused saves starts and
 * holds exactly the accepted ones (issue 16, points 1 and 2).
 */
class ValueLimitsTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairRepositoriesAutoConfiguration.class, LithairTransactionAutoConfiguration.class))
                .withUserConfiguration(SheetsApplication.class)
                .withPropertyValues("lithair.data-dir=" + dataDir, "lithair.storage.fsync=never")
                .withPropertyValues(properties);
    }

    private static Sheet sheet(String id, BigDecimal amount) {
        return new Sheet(id, "Sheet " + id, amount, Map.of("owner", "ann"));
    }

    @Test
    void aSaveOverALimitIsADataIntegrityViolationNamingTheFieldAndTheLimitAndTheNextSaveSucceeds() {
        runner().run(context -> {
            SheetRepository sheets = context.getBean(SheetRepository.class);
            LithairStore store = context.getBean(LithairStore.class);
            sheets.save(sheet("s1", BigDecimal.ONE));
            long sequence = store.lastSequence();

            assertThatThrownBy(() -> sheets.save(sheet("s2", new BigDecimal("1" + "0".repeat(1199)))))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessage("Sheet s2: amount is a number of 1200 digits, more than the limit of 1000 "
                            + "(max-number-length)")
                    .hasCauseInstanceOf(ValueLimitException.class);
            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(sheets.findById("s2")).isEmpty();

            Map<String, Object> deep = nested(600);
            assertThatThrownBy(() -> sheets.save(new Sheet("s3", "Deep", BigDecimal.ONE, deep)))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("details.level.level").hasMessageContaining("max-nesting-depth");
            assertThatThrownBy(() -> sheets.save(sheet("s4", BigDecimal.ONE), "k".repeat(257)))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("the idempotency key is 257 characters")
                    .hasMessageContaining("max-key-length");

            assertThat(sheets.save(sheet("s2", BigDecimal.TEN))).isEqualTo(sheet("s2", BigDecimal.TEN));
            assertThat(store.haltCause()).isEmpty();
        });
    }

    @Test
    void anApplicationRestartedAfterAcceptedAndRefusedSavesHoldsExactlyTheAcceptedOnes() {
        String[] lowLimits = { "lithair.storage.limits.max-nesting-depth=6", "lithair.storage.limits.max-number-length=40",
                "lithair.storage.limits.max-string-length=200", "lithair.storage.limits.max-name-length=20",
                "lithair.storage.limits.max-record-size=2KB", "lithair.idempotency.max-key-length=30" };
        Map<String, Sheet> accepted = new HashMap<>();
        Random random = new Random(16);
        int[] counts = new int[2];
        runner(lowLimits).run(context -> {
            SheetRepository sheets = context.getBean(SheetRepository.class);
            TransactionTemplate transactions = new TransactionTemplate(
                    context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
            for (int i = 0; i < 200; i++) {
                List<Sheet> batch = java.util.stream.IntStream.range(0, 1 + random.nextInt(3))
                        .mapToObj(n -> randomSheet(random)).toList();
                try {
                    if (batch.size() == 1) {
                        sheets.save(batch.get(0));
                    } else {
                        transactions.executeWithoutResult(status -> batch.forEach(sheets::save));
                    }
                    batch.forEach(sheet -> accepted.put(sheet.id(), sheet));
                    counts[0]++;
                } catch (DataIntegrityViolationException refusal) {
                    assertThat(refusal).hasCauseInstanceOf(ValueLimitException.class);
                    counts[1]++;
                }
            }
            assertThat(sheets.findAll()).containsExactlyInAnyOrderElementsOf(accepted.values());
        });
        assertThat(counts[0]).as("accepted saves").isGreaterThan(40);
        assertThat(counts[1]).as("refused saves").isGreaterThan(40);

        runner(lowLimits).run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, Sheet> stored = context.getBean(SheetRepository.class).findAll().stream()
                    .collect(Collectors.toMap(Sheet::id, sheet -> sheet));
            assertThat(stored).isEqualTo(accepted);
        });
    }

    /** Ids from a small set (saves replace each other); values now within the limits, now beyond one of them. */
    private static Sheet randomSheet(Random random) {
        String id = "s" + random.nextInt(12);
        String title = "t".repeat(random.nextInt(230));
        BigDecimal amount = new BigDecimal(new java.math.BigInteger(random.nextInt(150) + 1, random), random.nextInt(9));
        Map<String, Object> details = random.nextInt(4) == 0 ? nested(3 + random.nextInt(6)) : Map.of("k", "v");
        return new Sheet(id, title, amount, details);
    }

    /** {@code {"level": {"level": ... }}}, {@code depth} maps deep. */
    private static Map<String, Object> nested(int depth) {
        Map<String, Object> map = Map.of("leaf", true);
        for (int level = 1; level < depth; level++) {
            map = Map.of("level", map);
        }
        return map;
    }

    @Test
    void theLimitsComeFromThePropertiesAndBadOnesStopStartUpNamingTheProperty() {
        runner("lithair.storage.limits.max-nesting-depth=64", "lithair.storage.limits.max-number-length=64",
                "lithair.storage.limits.max-string-length=4096", "lithair.storage.limits.max-name-length=128",
                "lithair.storage.limits.max-record-size=1MB", "lithair.idempotency.max-key-length=64",
                "lithair.storage.async-commits.max-pending=10", "lithair.storage.async-commits.wait-for-room=0s")
                .run(context -> {
                    var options = context.getBean(LithairStore.class).options();
                    assertThat(options.valueLimits()).isEqualTo(new ValueLimits(64, 64, 4096, 128, 1024 * 1024));
                    assertThat(options.idempotencyMaxKeyLength()).isEqualTo(64);
                    assertThat(options.maxPendingAsyncCommits()).isEqualTo(10);
                    assertThat(options.asyncCommitWait()).isZero();
                });
        runner().run(context -> assertThat(context.getBean(LithairStore.class).options().valueLimits())
                .isEqualTo(ValueLimits.defaults()));
        runner("lithair.storage.limits.max-nesting-depth=5000").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("lithair.storage.limits.max-nesting-depth")
                .hasMessageContaining("between 1 and 1000"));
        runner("lithair.storage.limits.max-record-size=300MB").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("lithair.storage.limits.max-record-size"));
        runner("lithair.storage.limits.max-string-length=100", "lithair.idempotency.max-key-length=256")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("lithair.idempotency.max-key-length"));
    }
}
