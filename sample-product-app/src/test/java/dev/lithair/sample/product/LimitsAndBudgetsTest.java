package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.dashboard.ChangeFeed;
import dev.lithair.sample.product.user.UserAccountRepository;

/**
 * The sample's answers at the store's limits and its own budgets (issue 16, points 1 and 6): a value over
 * a store limit is 422 naming the field and the limit, an over-long Idempotency-Key is 400, and the
 * dashboard's stream serves a bounded number of subscribers (503 with Retry-After past it) for a bounded
 * time. Its own application, with low limits, so that they are reached with small requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "sample.admin.password=" + SampleUsers.ADMIN_PASSWORD, "lithair.storage.fsync=never",
        "lithair.storage.limits.max-string-length=150", "lithair.idempotency.max-key-length=100",
        "sample.dashboard.max-subscribers=2",
        "sample.dashboard.stream-timeout=3s", "sample.dashboard.retry-after=7s" })
class LimitsAndBudgetsTest {

    private static final Path DATA_DIR = freshDataDirectory();

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    ProductRepository products;

    @Autowired
    ChangeFeed feed;

    /** An open stream and its lines, read past its first event. */
    private record Subscription(HttpResponse<Stream<String>> response, Iterator<String> lines) {

        int status() {
            return response.statusCode();
        }
    }

    private final List<Subscription> streams = new ArrayList<>();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", DATA_DIR::toString);
    }

    private static Path freshDataDirectory() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent.toAbsolutePath(), "limits-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(stream -> stream.response().body().close());
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.subscribers() == 0);
    }

    private ApiClient employee() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        return new ApiClient(port).as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
    }

    @Test
    void aValueOverTheStoresLimitIs422NamingTheFieldAndTheLimitAndTheNextRequestSucceeds() {
        ApiClient employee = employee();
        long before = products.count();

        Response refused = employee.post("/api/products",
                "{\"name\":\"" + "N".repeat(151) + "\",\"category\":\"limits\",\"price\":1.00}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("title").asString()).isEqualTo("Value over the store's limits");
        assertThat(refused.json().get("field").asString()).isEqualTo("name");
        assertThat(refused.json().get("limit").asString()).isEqualTo("max-string-length");
        assertThat(refused.json().get("maximum").asLong()).isEqualTo(150);
        assertThat(refused.json().get("detail").asString()).contains("name is a text of 151 characters");
        assertThat(products.count()).isEqualTo(before);

        Response next = employee.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"limits\",\"price\":1.00}");
        assertThat(next.status()).isEqualTo(201);
        assertThat(products.count()).isEqualTo(before + 1);
    }

    @Test
    void anIdempotencyKeyLongerThanTheStoreKeepsIs400AndCreatesNothing() {
        ApiClient employee = employee();
        long before = products.count();

        Response refused = employee.withHeader("Idempotency-Key", "k".repeat(7000)).post("/api/products",
                "{\"name\":\"Lamp\",\"category\":\"keys\",\"price\":1.00}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString())
                .isEqualTo("the Idempotency-Key header has 7000 characters; at most 85 are accepted");
        assertThat(products.count()).isEqualTo(before);
        assertThat(employee.withHeader("Idempotency-Key", "k".repeat(85)).post("/api/products",
                "{\"name\":\"Lamp\",\"category\":\"keys\",\"price\":1.00}").status()).isEqualTo(201);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSubscriberPastTheCapIs503WithRetryAfterAndIsServedOnceAStreamEnds() throws Exception {
        assertThat(subscribe().status()).isEqualTo(200);
        assertThat(subscribe().status()).isEqualTo(200);

        HttpResponse<String> third = HttpClient.newHttpClient().send(streamRequest(), HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).contains("7");
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ApiClient.JSON.readTree(third.body()).get("title").asString()).isEqualTo("Too many subscribers");
        streams.remove(0).response().body().close();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.subscribers() < 2);
        assertThat(subscribe().status()).isEqualTo(200);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStreamEndsByItselfAfterTheStreamTimeout() throws Exception {
        Subscription stream = subscribe();

        while (stream.lines().hasNext()) {
            stream.lines().next();
        }

        assertThat(stream.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.subscribers() == 0);
    }

    private HttpRequest streamRequest() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream"))
                .header("Accept", "text/event-stream").build();
    }

    /** Opens a stream and waits for its first event, so that the server counts it. */
    private Subscription subscribe() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(streamRequest(),
                HttpResponse.BodyHandlers.ofLines());
        Subscription stream = new Subscription(response, response.body().iterator());
        streams.add(stream);
        while (stream.status() == 200 && stream.lines().hasNext() && !stream.lines().next().startsWith("data:")) {
            // until the first event's data
        }
        return stream;
    }
}
