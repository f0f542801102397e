package dev.lithair.sample.iot;

import static dev.lithair.sample.iot.Batches.batch;
import static dev.lithair.sample.iot.Batches.sensor;
import static dev.lithair.sample.iot.Batches.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.sample.iot.ApiClient.Response;

/**
 * Values over the store's limits are refused with 422 problem details naming the field and the limit,
 * and nothing of the request is stored (issue 16, point 1). Low limits, so that small requests reach them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.user.password=test-admin-secret", "lithair.storage.fsync=never",
        "lithair.storage.limits.max-string-length=40", "lithair.idempotency.max-key-length=28",
        "lithair.storage.limits.max-record-size=4KB" })
class StoreLimitsTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aLocationLongerThanTheStoreKeepsIs422AndTheSensorIsNotRegistered() {
        Response refused = api.postJson("/api/sensors", sensor("long-1", "l".repeat(41), "TEMPERATURE"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("title").asString()).isEqualTo("Value over the store's limits");
        assertThat(refused.json().get("field").asString()).isEqualTo("location");
        assertThat(refused.json().get("limit").asString()).isEqualTo("max-string-length");
        assertThat(refused.json().get("maximum").asLong()).isEqualTo(40);
        assertThat(api.get("/api/sensors/long-1").status()).isEqualTo(404);
        assertThat(api.postJson("/api/sensors", sensor("long-1", "l".repeat(40), "TEMPERATURE")).status())
                .isEqualTo(201);
    }

    @Test
    void aBatchWhoseRecordIsLargerThanTheStoreTakesIs422AndNoneOfItsReadingsIsStored() {
        assertThat(api.postJson("/api/sensors", sensor("big-1", "roof", "TEMPERATURE")).status()).isEqualTo(201);

        Response refused = api.postJson("/api/batches", batch("b-large", series("big-1", 200)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("limit").asString()).isEqualTo("max-record-size");
        assertThat(refused.json().get("detail").asString()).contains("more than the limit of 4096");
        assertThat(api.get("/api/sensors/big-1").json().get("readingsCount").asLong()).isZero();
        assertThat(api.postJson("/api/batches", batch("b-small", series("big-1", 5))).status()).isEqualTo(200);
        assertThat(api.get("/api/sensors/big-1").json().get("readingsCount").asLong()).isEqualTo(5);
    }
}
