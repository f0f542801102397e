package dev.lithair.sample.product.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

/** The budgets themselves, on a clock the test moves: per username, per address, refilling, bounded. */
class AuthAttemptLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private AuthAttemptLimiter limiter(int perUser, int perAddress, int trackedKeys) {
        return new AuthAttemptLimiter(new AuthLimitProperties(Duration.ofMinutes(1), perUser, perAddress, 3, 10,
                trackedKeys), clock);
    }

    private static void fail(AuthAttemptLimiter limiter, String user, String address) {
        limiter.beginLogin(user, address);
    }

    @Test
    void oneAddressTryingManyUsernamesIsStoppedByItsOwnBudget() {
        AuthAttemptLimiter limiter = limiter(5, 20, 1000);
        for (int user = 0; user < 20; user++) {
            fail(limiter, "user-" + user, "198.51.100.9");
        }

        assertThatThrownBy(() -> limiter.beginLogin("user-20", "198.51.100.9"))
                .isInstanceOf(TooManyAttemptsException.class)
                .satisfies(e -> assertThat(((TooManyAttemptsException) e).retryAfterSeconds()).isBetween(1L, 60L));
        assertThatNoException().as("another address").isThrownBy(() -> limiter.beginLogin("user-20", "198.51.100.10"));
    }

    @Test
    void aRefusalByTheAddressBudgetDoesNotChargeTheUsername() {
        AuthAttemptLimiter limiter = limiter(5, 1, 1000);
        fail(limiter, "ann", "198.51.100.1");

        for (int attempt = 0; attempt < 10; attempt++) {
            assertThatThrownBy(() -> limiter.beginLogin("bob", "198.51.100.1"))
                    .isInstanceOf(TooManyAttemptsException.class);
        }

        for (int attempt = 0; attempt < 5; attempt++) {
            String address = "203.0.113." + attempt;
            assertThatNoException().isThrownBy(() -> limiter.beginLogin("bob", address));
        }
    }

    @Test
    void aSuccessfulLoginGivesItsAttemptBack() {
        AuthAttemptLimiter limiter = limiter(2, 20, 1000);

        for (int attempt = 0; attempt < 10; attempt++) {
            limiter.beginLogin("ann", "198.51.100.1");
            limiter.loginSucceeded("ann", "198.51.100.1");
        }

        assertThatNoException().isThrownBy(() -> limiter.beginLogin("ann", "198.51.100.1"));
    }

    @Test
    void theBudgetRefillsOverTheWindow() {
        AuthAttemptLimiter limiter = limiter(5, 20, 1000);
        for (int attempt = 0; attempt < 5; attempt++) {
            fail(limiter, "ann", null);
        }
        assertThatThrownBy(() -> limiter.beginLogin("ann", null)).isInstanceOf(TooManyAttemptsException.class);

        nanos.addAndGet(Duration.ofSeconds(12).toNanos());

        assertThatNoException().as("one attempt back after a fifth of the window")
                .isThrownBy(() -> limiter.beginLogin("ann", null));
        assertThatThrownBy(() -> limiter.beginLogin("ann", null)).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void registrationsHaveTheirOwnBudgets() {
        AuthAttemptLimiter limiter = limiter(5, 20, 1000);
        for (int attempt = 0; attempt < 3; attempt++) {
            limiter.beginRegistration("dana", "198.51.100.1");
        }

        assertThatThrownBy(() -> limiter.beginRegistration("dana", "198.51.100.2"))
                .isInstanceOf(TooManyAttemptsException.class).hasMessageContaining("registrations");
        assertThatNoException().as("logins are counted apart").isThrownBy(() -> limiter.beginLogin("dana", null));
    }

    @Test
    void theRememberedUsernamesAndAddressesStayWithinTheBound() {
        AuthAttemptLimiter limiter = limiter(5, 1_000_000, 100);

        for (int user = 0; user < 10_000; user++) {
            fail(limiter, "x".repeat(1000) + user, "198.51.100.1");
        }

        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
    }
}
