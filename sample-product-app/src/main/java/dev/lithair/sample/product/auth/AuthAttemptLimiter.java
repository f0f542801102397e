package dev.lithair.sample.product.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Budgets of login failures and registrations per username and per client address
 * ({@link AuthLimitProperties}): one Bucket4j token bucket per username or address, in a Caffeine cache
 * bounded in size.
 *
 * <p>An attempt takes a token from each of its buckets before the password is checked, and a successful
 * login gives its tokens back: only failures count, and many concurrent guesses cannot all slip through
 * before the first is counted. The buckets are keyed by a digest of the username or address, so a client
 * sending long or ever-new names costs a fixed amount of memory per entry, and at most
 * {@code tracked-keys} entries are kept: the least used are dropped first (Caffeine's admission policy
 * keeps a bucket in use against a flood of one-off names), and a bucket unused for a whole window, full
 * again by then, expires.
 *
 * <p>Thread-safe.
 */
@Component
public class AuthAttemptLimiter {

    private enum Limit {
        LOGIN_PER_USER, LOGIN_PER_ADDRESS, REGISTRATION_PER_USER, REGISTRATION_PER_ADDRESS
    }

    private record Key(Limit limit, String digest) {
    }

    private final AuthLimitProperties properties;
    private final TimeMeter time;
    private final Cache<Key, Bucket> buckets;

    @Autowired
    public AuthAttemptLimiter(AuthLimitProperties properties) {
        this(properties, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With {@code time} as the clock of the buckets and of their expiry. */
    AuthAttemptLimiter(AuthLimitProperties properties, TimeMeter time) {
        this.properties = properties;
        this.time = time;
        Ticker ticker = time::currentTimeNanos;
        this.buckets = Caffeine.newBuilder().maximumSize(properties.trackedKeys())
                .expireAfterAccess(properties.window()).ticker(ticker).build();
    }

    /**
     * Takes one login attempt from the budgets of {@code username} and {@code address}.
     *
     * @param address the client's address, or {@code null} when unknown (then only the username's budget)
     * @throws TooManyAttemptsException when either budget is used up; neither is charged then
     */
    public void beginLogin(String username, String address) {
        take(Limit.LOGIN_PER_USER, username, Limit.LOGIN_PER_ADDRESS, address, "failed logins");
    }

    /** Gives back what {@link #beginLogin} took, the login having succeeded: only failures count. */
    public void loginSucceeded(String username, String address) {
        bucket(Limit.LOGIN_PER_USER, username).addTokens(1);
        if (address != null) {
            bucket(Limit.LOGIN_PER_ADDRESS, address).addTokens(1);
        }
    }

    /**
     * Takes one registration from the budgets of {@code username} and {@code address}.
     *
     * @throws TooManyAttemptsException when either budget is used up; neither is charged then
     */
    public void beginRegistration(String username, String address) {
        take(Limit.REGISTRATION_PER_USER, username, Limit.REGISTRATION_PER_ADDRESS, address, "registrations");
    }

    /** How many usernames and addresses are remembered now. */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private void take(Limit userLimit, String username, Limit addressLimit, String address, String what) {
        Bucket user = bucket(userLimit, username);
        ConsumptionProbe byUser = user.tryConsumeAndReturnRemaining(1);
        if (!byUser.isConsumed()) {
            throw new TooManyAttemptsException(what, Duration.ofNanos(byUser.getNanosToWaitForRefill()));
        }
        if (address == null) {
            return;
        }
        ConsumptionProbe byAddress = bucket(addressLimit, address).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            user.addTokens(1);
            throw new TooManyAttemptsException(what, Duration.ofNanos(byAddress.getNanosToWaitForRefill()));
        }
    }

    private Bucket bucket(Limit limit, String subject) {
        return buckets.get(new Key(limit, digest(subject)), key -> newBucket(capacityOf(limit)));
    }

    private int capacityOf(Limit limit) {
        return switch (limit) {
            case LOGIN_PER_USER -> properties.loginFailuresPerUser();
            case LOGIN_PER_ADDRESS -> properties.loginFailuresPerAddress();
            case REGISTRATION_PER_USER -> properties.registrationsPerUser();
            case REGISTRATION_PER_ADDRESS -> properties.registrationsPerAddress();
        };
    }

    private Bucket newBucket(int capacity) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, properties.window()))
                .withCustomTimePrecision(time).build();
    }

    private static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
