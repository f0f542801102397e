package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** How long a blocking committer yields before it parks ({@link BlockingCommit#yieldNanos}). */
class StoreWriterYieldTest {

    private static final long FORCE = TimeUnit.MICROSECONDS.toNanos(150);

    @Test
    void committersThatOutnumberTheCpusYieldForAboutTwoForces() {
        assertThat(BlockingCommit.yieldNanos(true, 64, 2, FORCE)).isEqualTo(2 * FORCE);
        assertThat(BlockingCommit.yieldNanos(true, 3, 2, FORCE)).isEqualTo(2 * FORCE);
    }

    @Test
    void committersNoMoreThanTheCpusParkAtOnce() {
        // each would otherwise keep a CPU spinning for its whole wait
        assertThat(BlockingCommit.yieldNanos(true, 2, 2, FORCE)).isZero();
        assertThat(BlockingCommit.yieldNanos(true, 16, 64, FORCE)).isZero();
    }

    @Test
    void withoutAForceBeforeTheAcknowledgementNobodyYields() {
        assertThat(BlockingCommit.yieldNanos(false, 64, 2, FORCE)).isZero();
    }

    @Test
    void slowForcesAreWaitedForParkedAfterTwoMilliseconds() {
        long slowForce = TimeUnit.MILLISECONDS.toNanos(30);
        assertThat(BlockingCommit.yieldNanos(true, 64, 2, slowForce)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
    }

    @Test
    void beforeTheFirstForceNobodyYields() {
        assertThat(BlockingCommit.yieldNanos(true, 64, 2, 0)).isZero();
    }
}
