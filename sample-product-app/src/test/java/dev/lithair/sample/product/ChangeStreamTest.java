package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.user.UserAccountRepository;
import tools.jackson.databind.JsonNode;

/** The dashboard's data over plain HTTP: the summary, and the server-sent-events stream of committed changes. */
class ChangeStreamTest extends SampleApplicationTest {

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    ProductRepository products;

    @Test
    void theSummaryCountsLiveEntitiesForAnyone() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);

        Response summary = new ApiClient(port).get("/api/dashboard/summary");

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("users").asLong()).isEqualTo(users.count()).isGreaterThanOrEqualTo(3);
        assertThat(summary.json().get("products").asLong()).isEqualTo(products.count());
    }

    /** Bounded, so that a stream that never delivers fails the test instead of hanging the build. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCommittedProductChangeArrivesOnTheStream() throws Exception {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(subscribe,
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        JsonNode first = nextUpdate(lines);

        String id = new ApiClient(port).as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD)
                .post("/api/products", "{\"name\":\"Streamed lamp\",\"category\":\"lighting\",\"price\":7.25}").json()
                .get("id").asString();
        JsonNode change = null;
        JsonNode update = null;
        while (change == null) {
            update = nextUpdate(lines);
            for (JsonNode candidate : update.get("productChanges")) {
                if (candidate.get("id").asString().equals(id)) {
                    change = candidate;
                }
            }
        }
        stream.body().close();

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(update.get("products").asLong()).isEqualTo(first.get("products").asLong() + 1);
        assertThat(change.get("kind").asString()).isEqualTo("CREATED");
        assertThat(change.get("name").asString()).isEqualTo("Streamed lamp");
        assertThat(change.get("price").decimalValue()).isEqualByComparingTo("7.25");
    }

    private static JsonNode nextUpdate(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return ApiClient.JSON.readTree(line.substring("data:".length()));
            }
        }
        throw new AssertionError("the stream ended");
    }
}
