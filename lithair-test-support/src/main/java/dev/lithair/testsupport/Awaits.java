package dev.lithair.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting in tests, through Awaitility: one place for how long a test waits and how often it looks. The
 * timeout is generous because the machines that run the suites are shared; a condition that holds returns
 * at the next poll, so a generous timeout costs nothing when all is well.
 */
public final class Awaits {

    /** How long a test waits for something that should happen soon. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(10);

    private Awaits() {
    }

    /** An Awaitility wait of at most {@link #PATIENCE}, looking every few milliseconds from the start. */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    /**
     * Waits until {@code condition} holds, for at most {@code timeout}, looking every {@code poll}; returns
     * whether it held. For a test that goes on either way and asserts on the answer afterwards.
     */
    public static boolean within(Duration timeout, Duration poll, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll).until(condition);
            return true;
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }
}
