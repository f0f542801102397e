package dev.lithair.benchmarks.harness.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.store.LithairStore;
import dev.lithair.testsupport.HttpTestClient;
import dev.lithair.testsupport.HttpTestClient.Response;

/**
 * The shop the HTTP workload loads answers what it is asked on either system, and each application
 * holds only its own data layer: a benchmark serving wrong answers, or the JPA shop also opening a
 * Lithair store, would measure something else.
 */
class ShopServerTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"lithair-always", "jpa-h2"})
    void theShopCreatesReadsAndUpdatesItemsAndItsCeilingStoresNothing(String system) {
        try (ShopServer shop = ShopServer.start(system, dataDir, 3)) {
            HttpTestClient http = HttpTestClient.localhost(shop.port());

            Response created = http.postJson("/api/items",
                    "{\"name\":\"Lamp\",\"category\":\"lighting\",\"price\":12.5,\"sku\":\"sku-lamp\"}");
            Response updated = http.putJson("/api/items/i1", "{\"name\":\"Renamed\",\"price\":20}");
            Response read = http.get("/api/items/i1");
            Response missing = http.get("/api/items/none");
            Response echoed = http.postJson("/ceiling/items",
                    "{\"name\":\"Echo\",\"category\":\"c\",\"price\":1,\"sku\":\"sku-echo\"}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).contains("\"name\":\"Lamp\"", "\"sku\":\"sku-lamp\"", "\"version\":0");
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body()).contains("\"name\":\"Renamed\"", "\"version\":1");
            assertThat(read.body()).contains("\"id\":\"i1\"", "\"name\":\"Renamed\"", "\"price\":20");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(echoed.status()).isEqualTo(201);
            assertThat(http.get("/api/items/i0").body()).doesNotContain("Echo");
            assertThat(shop.context().getBeanNamesForType(LithairStore.class))
                    .hasSize(system.startsWith("lithair") ? 1 : 0);
        }
    }
}
