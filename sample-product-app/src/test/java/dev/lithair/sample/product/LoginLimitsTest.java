package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lithair.sample.product.ApiClient.Response;

/**
 * Guessing passwords and registering in bulk are limited per username (defaults: 5 failed logins, 3
 * registrations, per minute): past the limit, 429 problem details with {@code Retry-After}, whichever route
 * the guesses came through. Each test uses usernames of its own; the per-address budgets are raised for the
 * suite (every test calls from 127.0.0.1) and tested in {@code AuthAttemptLimiterTest}.
 */
class LoginLimitsTest extends SampleApplicationTest {

    private static final String PASSWORD = "the right password";

    private ApiClient anonymous;

    @BeforeEach
    void client() {
        anonymous = new ApiClient(port);
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private String registered(String username) {
        assertThat(anonymous.post("/auth/register", credentials(username, PASSWORD)).status()).isEqualTo(201);
        return username;
    }

    @Test
    void theSixthFailedLoginInAMinuteIsRefusedWith429AndRetryAfter() {
        String user = registered("guessed-" + System.nanoTime() % 100000);
        List<Integer> statuses = new ArrayList<>();

        for (int attempt = 1; attempt <= 5; attempt++) {
            statuses.add(anonymous.post("/auth/login", credentials(user, "guess number " + attempt)).status());
        }
        Response sixth = anonymous.post("/auth/login", credentials(user, "guess number 6"));

        assertThat(statuses).containsOnly(401);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(sixth.json().get("title").asString()).isEqualTo("Too many attempts");
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void pastTheLimitEvenTheRightPasswordWaitsWhileOtherUsersLogIn() {
        String user = registered("locked-" + System.nanoTime() % 100000);
        String other = registered("other-" + System.nanoTime() % 100000);
        for (int attempt = 1; attempt <= 5; attempt++) {
            anonymous.post("/auth/login", credentials(user, "wrong " + attempt));
        }

        Response right = anonymous.post("/auth/login", credentials(user, PASSWORD));
        Response otherUser = anonymous.post("/auth/login", credentials(other, PASSWORD));

        assertThat(right.status()).as("a guess that happened to be right is not confirmed").isEqualTo(429);
        assertThat(otherUser.status()).isEqualTo(200);
    }

    @Test
    void successfulLoginsDoNotCount() {
        String user = registered("regular-" + System.nanoTime() % 100000);

        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            statuses.add(anonymous.post("/auth/login", credentials(user, PASSWORD)).status());
        }

        assertThat(statuses).containsOnly(200);
    }

    @Test
    void guessesThroughHttpBasicSpendTheSameBudget() {
        String user = registered("basic-" + System.nanoTime() % 100000);
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            statuses.add(anonymous.as(user, "wrong " + attempt).get("/api/users/" + user + "/analytics").status());
        }

        Response basic = anonymous.as(user, "wrong 6").get("/api/users/" + user + "/analytics");
        Response login = anonymous.post("/auth/login", credentials(user, PASSWORD));
        Response admin = anonymous.as(user, "wrong 7").get("/lithair/admin/stats");

        assertThat(statuses).containsOnly(401);
        assertThat(basic.status()).isEqualTo(429);
        assertThat(basic.header("Retry-After")).isNotBlank();
        assertThat(login.status()).isEqualTo(429);
        assertThat(admin.status()).as("Lithair's admin chain refuses it too, as an authentication failure")
                .isEqualTo(401);
    }

    @Test
    void theFourthRegistrationOfOneUsernameInAMinuteIsRefusedWith429() {
        String user = "taken-" + System.nanoTime() % 100000;

        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            statuses.add(anonymous.post("/auth/register", credentials(user, PASSWORD + attempt)).status());
        }
        Response fourth = anonymous.post("/auth/register", credentials(user, PASSWORD + 4));

        assertThat(statuses).containsExactly(201, 409, 409);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isNotBlank();
    }
}
