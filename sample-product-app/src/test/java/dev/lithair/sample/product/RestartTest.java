package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.user.UserAccountRepository;
import tools.jackson.databind.JsonNode;

/**
 * The application closed and started again on the same data directory finds everything it had, and nothing
 * of what was erased.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProductApplication.class).run("--server.port=0",
                "--lithair.data-dir=" + dataDir, "--sample.admin.password=" + SampleUsers.ADMIN_PASSWORD);
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static ApiClient adminOf(ConfigurableApplicationContext context) {
        return new ApiClient(portOf(context)).as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);
    }

    @Test
    void productsTheirHistoryUsersAndSpendingSurviveARestart() {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient admin = adminOf(first);
            id = admin.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"lighting\",\"price\":10}").json()
                    .get("id").asString();
            admin.put("/api/products/" + id, "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":12.50,"
                    + "\"version\":0}");
            String customer = "{\"username\":\"rita\",\"password\":\"rita's password\"}";
            admin.post("/auth/register", customer);
            String token = admin.post("/auth/login", customer).json().get("token").asString();
            Response order = new ApiClient(portOf(first)).withToken(token).post("/api/orders",
                    "{\"lines\":[{\"productId\":\"" + id + "\",\"quantity\":2}]}");
            assertThat(order.status()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient admin = adminOf(second);

            Response product = admin.get("/api/products/" + id);
            Response history = admin.get("/api/products/" + id + "/history?field=price");
            Response byCategory = admin.get("/api/products?category=lighting");

            assertThat(product.status()).isEqualTo(200);
            assertThat(product.json().get("name").asString()).isEqualTo("Desk lamp");
            assertThat(product.json().get("price").decimalValue()).isEqualByComparingTo("12.50");
            assertThat(product.json().get("version").asLong()).isEqualTo(1);
            List<JsonNode> changes = history.json().valueStream().toList();
            assertThat(changes).hasSize(2);
            assertThat(changes.get(0).get("newValue").decimalValue()).isEqualByComparingTo("10");
            assertThat(changes.get(1).get("newValue").decimalValue()).isEqualByComparingTo("12.50");
            assertThat(changes).extracting(change -> change.get("actor").asString()).containsOnly(SampleUsers.ADMIN);
            assertThat(byCategory.json().get("page").get("totalElements").asLong()).isEqualTo(1);
            Response analytics = admin.get("/api/users/rita/analytics");
            assertThat(analytics.json().get("orders").asLong()).isEqualTo(1);
            assertThat(analytics.json().get("totalSpent").decimalValue()).isEqualByComparingTo("25.00");
        }
    }

    @Test
    void anErasedCustomerStaysErasedAfterCompactionAndARestart() {
        String name = "gdpr-marker-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String credentials = "{\"username\":\"" + name + "\",\"password\":\"customer password\"}";
        String orderId;
        String pseudonym;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient admin = adminOf(first);
            ApiClient anonymous = new ApiClient(portOf(first));
            String product = admin.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"lighting\",\"price\":10}")
                    .json().get("id").asString();
            anonymous.post("/auth/register", credentials);
            String token = anonymous.post("/auth/login", credentials).json().get("token").asString();
            orderId = anonymous.withToken(token).post("/api/orders",
                    "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":2}]}").json().get("id").asString();
            Response erased = admin.post("/api/admin/customers/" + name + "/erasure", null);
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            pseudonym = erased.json().get("pseudonym").asString();
            assertThat(admin.post("/lithair/admin/compact", null).status()).isEqualTo(200);
        }
        assertThat(StoredBytes.filesContaining(dataDir, name)).as("files holding the erased name").isEmpty();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient admin = adminOf(second);

            Response login = new ApiClient(portOf(second)).post("/auth/login", credentials);
            Response order = admin.get("/api/orders/" + orderId);

            assertThat(login.status()).isEqualTo(401);
            assertThat(second.getBean(UserAccountRepository.class).existsByUsername(name)).isFalse();
            assertThat(order.json().get("customer").asString()).isEqualTo(pseudonym);
            assertThat(order.json().get("total").decimalValue()).isEqualByComparingTo("20");
            assertThat(admin.get("/api/users/" + name + "/analytics").json().get("orders").asLong()).isZero();
            assertThat(admin.get("/api/users/" + pseudonym + "/analytics").json().get("orders").asLong()).isEqualTo(1);
            assertThat(admin.get("/lithair/admin/export/UserAccount").body()).doesNotContain(name);
        }
        assertThat(StoredBytes.filesContaining(dataDir, name)).as("files holding the erased name").isEmpty();
    }
}
