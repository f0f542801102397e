package dev.lithair.sample.iot;

import static dev.lithair.sample.iot.Batches.batch;
import static dev.lithair.sample.iot.Batches.sensor;
import static dev.lithair.sample.iot.Batches.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.iot.ApiClient.Response;
import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.store.LithairStore;
import tools.jackson.databind.JsonNode;

/**
 * The application stopped and started again on the same data directory, as an operator would: what
 * was stored is all there, and a batch applied before the restart is still applied only once. The
 * first life runs once for the class; each test checks one promise about the second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartTest {

    private static final int SENT = Sensor.RECENT_READINGS + 20;

    private static final Map<String, Object> DOOR_BATCH = batch("gw-restart-0001", series("door-t1", 2));

    /** Static: JUnit fills static temporary directories before {@code @BeforeAll}, instance ones only per test. */
    @TempDir
    static Path dataDir;

    private JsonNode statsBefore;
    private JsonNode readingsBefore;
    private ConfigurableApplicationContext restarted;
    private ApiClient api;

    private static ConfigurableApplicationContext start() {
        assertThat(dataDir).as("the temporary data directory").isNotNull();
        // Snapshots every 50 events: the restart loads a snapshot, with the retained history, then the log tail.
        return new SpringApplicationBuilder(IotApplication.class).run("--server.port=0",
                "--lithair.data-dir=" + dataDir, "--lithair.snapshot.every-events=50",
                "--spring.security.user.password=restart-secret");
    }

    private static ApiClient api(ConfigurableApplicationContext app) {
        return new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @BeforeAll
    void firstLifeThenRestart() {
        try (ConfigurableApplicationContext app = start()) {
            ApiClient first = api(app);
            first.postJson("/api/sensors", sensor("door-t1", "entrance", "TEMPERATURE"));
            assertThat(first.postJson("/api/batches", DOOR_BATCH).json().get("applied").asBoolean()).isTrue();
            first.postJson("/api/sensors", sensor("vault-h1", "vault", "HUMIDITY"));
            first.postJson("/api/batches", batch("gw-vault-1", series("vault-h1", SENT)));
            first.post("/api/generate-fresh?sensors=9&readings=7");
            statsBefore = first.get("/api/stats").json();
            readingsBefore = first.get("/api/sensors/vault-h1/readings").json();
        }
        restarted = start();
        api = api(restarted);
    }

    @AfterAll
    void stop() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void theRestartLoadedASnapshot() {
        assertThat(restarted.getBean(LithairStore.class).recovery().snapshotSequence()).isPositive();
    }

    @Test
    void aBatchAppliedBeforeTheRestartIsNotAppliedAgainAfterIt() {
        long sequence = restarted.getBean(LithairStore.class).lastSequence();

        Response again = api.postJson("/api/batches", DOOR_BATCH);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("applied").asBoolean()).isFalse();
        assertThat(restarted.getBean(LithairStore.class).lastSequence()).isEqualTo(sequence);
        assertThat(api.get("/api/sensors/door-t1").json().get("readingsCount").asLong()).isEqualTo(2);
        assertThat(api.get("/api/sensors/door-t1/readings").json().get("readings")).hasSize(2);
    }

    @Test
    void theTotalsAreRebuiltAsTheyWere() {
        JsonNode stats = api.get("/api/stats").json();

        assertThat(stats.get("sensors").asLong()).isEqualTo(11);
        assertThat(stats.get("readingsReceived").asLong()).isEqualTo(2 + SENT + 63);
        assertThat(stats.get("readingsRetained").asLong()).isEqualTo(2 + Sensor.RECENT_READINGS + 63);
        assertThat(stats.get("locations")).isEqualTo(statsBefore.get("locations"));
    }

    @Test
    void aSensorsRecentReadingsWindowIsIntact() {
        JsonNode readings = api.get("/api/sensors/vault-h1/readings").json();

        assertThat(readings).isEqualTo(readingsBefore);
        assertThat(readings.get("received").asLong()).isEqualTo(SENT);
        assertThat(readings.get("readings")).hasSize(Sensor.RECENT_READINGS);
        assertThat(readings.get("readings").get(0).get("value").asDouble()).isEqualTo(SENT - Sensor.RECENT_READINGS);
        assertThat(api.get("/api/locations/vault/sensors").json()).extracting(s -> s.get("id").asString())
                .containsExactly("vault-h1");
    }
}
