package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.user.UserAccountRepository;
import tools.jackson.databind.JsonNode;

/** Admin routes: the engine benchmark (bounded input, catalogue left as it was) and the starter's admin routes. */
class AdminApiTest extends SampleApplicationTest {

    @Autowired
    ProductRepository products;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void anAdminRunsProductEventsThroughTheRepositoryAndGetsRateAndLatencies() {
        ApiClient admin = new ApiClient(port).as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);
        long productsBefore = products.count();

        Response response = admin.post("/api/admin/benchmark-engine?events=300&threads=3", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("events").asInt()).isEqualTo(300);
        assertThat(result.get("threads").asInt()).isEqualTo(3);
        assertThat(result.get("fsync").asString()).isEqualTo("never");
        assertThat(result.get("eventsPerSecond").asLong()).isPositive();
        assertThat(result.get("p50Micros").asLong()).isLessThanOrEqualTo(result.get("p99Micros").asLong());
        assertThat(result.get("p99Micros").asLong()).isLessThanOrEqualTo(result.get("maxMicros").asLong());
        assertThat(products.count()).isEqualTo(productsBefore);
    }

    @Test
    void onlyAdminsRunIt() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        ApiClient anonymous = new ApiClient(port);

        assertThat(anonymous.post("/api/admin/benchmark-engine?events=10", null).status()).isEqualTo(401);
        assertThat(anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD)
                .post("/api/admin/benchmark-engine?events=10", null).status()).isEqualTo(403);
    }

    @Test
    void outOfRangeOrMalformedParametersAreA400() {
        ApiClient admin = new ApiClient(port).as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);

        assertThat(admin.post("/api/admin/benchmark-engine?events=0", null).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/benchmark-engine?events=2000000", null).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/benchmark-engine?events=10&threads=65", null).status()).isEqualTo(400);
        assertThat(admin.post("/api/admin/benchmark-engine?events=many", null).status()).isEqualTo(400);
    }

    @Test
    void anExportOfTheAccountsHasNoPasswordHash() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        ApiClient admin = new ApiClient(port).as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);

        Response export = admin.get("/lithair/admin/export/UserAccount");

        assertThat(export.status()).isEqualTo(200);
        List<JsonNode> accounts = export.body().lines().map(ApiClient.JSON::readTree).toList();
        assertThat(accounts).hasSize((int) users.count());
        assertThat(accounts).extracting(account -> account.get("username").asString())
                .contains(SampleUsers.ADMIN, SampleUsers.EMPLOYEE, SampleUsers.CUSTOMER);
        assertThat(accounts).allSatisfy(account -> assertThat(account.has("passwordHash")).isFalse());
        assertThat(export.body()).doesNotContain("bcrypt").doesNotContain("$2a$");
        assertThat(users.findByUsername(SampleUsers.EMPLOYEE).orElseThrow().passwordHash())
                .as("the store keeps the hash").startsWith("{bcrypt}");
    }

    @Test
    void anAdminWriteThatAnotherSitesPageMakesTheBrowserSendIsRefused() {
        ApiClient admin = new ApiClient(port).as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);
        long snapshotBefore = admin.get("/lithair/admin/stats").json().get("lastSnapshotSequence").asLong();

        Response forged = admin.withHeader("Origin", "https://elsewhere.example")
                .withHeader("Sec-Fetch-Site", "cross-site").post("/lithair/admin/snapshot", null);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("title").asString()).isEqualTo("Cross-site admin write refused");
        assertThat(admin.get("/lithair/admin/stats").json().get("lastSnapshotSequence").asLong())
                .isEqualTo(snapshotBefore);
        assertThat(admin.post("/lithair/admin/snapshot", null).status())
                .isEqualTo(200);
    }

    @Test
    void theStartersAdminRoutesAreOpenToTheShopsAdminsOnly() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        ApiClient anonymous = new ApiClient(port);

        Response stats = anonymous.as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD).get("/lithair/admin/stats");

        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("entities").get("UserAccount").asLong()).isEqualTo(users.count());
        assertThat(anonymous.get("/lithair/admin/stats").status()).isEqualTo(401);
        assertThat(anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD).get("/lithair/admin/stats").status())
                .isEqualTo(403);
    }
}
