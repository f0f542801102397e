package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.product.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** The application closed and started again on the same data directory finds everything it had. */
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
}
