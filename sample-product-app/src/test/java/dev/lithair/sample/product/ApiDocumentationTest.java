package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import dev.lithair.sample.product.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** springdoc serves the API's OpenAPI document and its UI to anyone. */
class ApiDocumentationTest extends SampleApplicationTest {

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndBothWaysToAuthenticate() {
        Response document = new ApiClient(port).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        JsonNode json = document.json();
        assertThat(json.get("info").get("title").asString()).isEqualTo("Lithair product sample");
        assertThat(json.get("paths").propertyNames()).contains("/api/products", "/api/products/{id}",
                "/api/products/{id}/history", "/auth/register", "/auth/login", "/auth/logout", "/api/orders",
                "/api/orders/{id}/status", "/api/users/{username}/analytics", "/api/admin/benchmark-engine",
                "/api/admin/customers/{username}/erasure", "/api/events/stream");
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
