package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.sample.product.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** springdoc serves the API's OpenAPI document and its UI to anyone. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "lithair.storage.fsync=never")
class ApiDocumentationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndBothWaysToAuthenticate() {
        Response document = new ApiClient(port).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        JsonNode json = document.json();
        assertThat(json.get("info").get("title").asString()).isEqualTo("Lithair product sample");
        assertThat(json.get("paths").propertyNames()).contains("/api/products", "/api/products/{id}",
                "/api/products/{id}/history", "/auth/register", "/auth/login", "/auth/logout", "/api/orders",
                "/api/orders/{id}/status", "/api/users/{username}/analytics", "/api/admin/benchmark-engine",
                "/api/events/stream");
        assertThat(json.get("components").get("securitySchemes").propertyNames()).containsExactlyInAnyOrder("bearer",
                "basic");
    }

    @Test
    void theSwaggerUiIsServed() {
        Response ui = new ApiClient(port).get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
