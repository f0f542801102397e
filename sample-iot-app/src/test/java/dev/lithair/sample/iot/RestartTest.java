package dev.lithair.sample.iot;

import static dev.lithair.sample.iot.Batches.batch;
import static dev.lithair.sample.iot.Batches.sensor;
import static dev.lithair.sample.iot.Batches.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
 * was stored is all there, and a batch applied before the restart is still applied only once.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--server.port=0";
        args[1] = "--lithair.data-dir=" + dataDir;
        args[2] = "--spring.security.user.password=restart-secret";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new SpringApplicationBuilder(IotApplication.class).run(args);
    }

    private static ApiClient api(ConfigurableApplicationContext app) {
        return new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @Test
    void aBatchAppliedBeforeARestartIsNotAppliedAgainAfterIt() {
        Map<String, Object> batch = batch("gw-restart-0001", series("door-t1", 2));
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = api(app);
            api.postJson("/api/sensors", sensor("door-t1", "entrance", "TEMPERATURE"));
            assertThat(api.postJson("/api/batches", batch).json().get("applied").asBoolean()).isTrue();
        }

        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = api(app);
            long sequence = app.getBean(LithairStore.class).lastSequence();

            Response again = api.postJson("/api/batches", batch);

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("applied").asBoolean()).isFalse();
            assertThat(app.getBean(LithairStore.class).lastSequence()).isEqualTo(sequence);
            assertThat(api.get("/api/sensors/door-t1").json().get("readingsCount").asLong()).isEqualTo(2);
            assertThat(api.get("/api/sensors/door-t1/readings").json().get("readings")).hasSize(2);
            assertThat(api.get("/api/stats").json().get("readingsReceived").asLong()).isEqualTo(2);
        }
    }

    @Test
    void sensorsTheirRecentReadingsAndTheTotalsSurviveARestartFromASnapshot() {
        int sent = Sensor.RECENT_READINGS + 20;
        JsonNode statsBefore;
        JsonNode readingsBefore;
        // Snapshots every 50 events: the restart loads a snapshot, with the retained history, then the log tail.
        try (ConfigurableApplicationContext app = start("--lithair.snapshot.every-events=50")) {
            ApiClient api = api(app);
            api.postJson("/api/sensors", sensor("vault-h1", "vault", "HUMIDITY"));
            api.postJson("/api/batches", batch("gw-vault-1", series("vault-h1", sent)));
            api.post("/api/generate-fresh?sensors=9&readings=7");
            statsBefore = api.get("/api/stats").json();
            readingsBefore = api.get("/api/sensors/vault-h1/readings").json();
        }

        try (ConfigurableApplicationContext app = start("--lithair.snapshot.every-events=50")) {
            ApiClient api = api(app);
            assertThat(app.getBean(LithairStore.class).recovery().snapshotSequence()).isPositive();

            JsonNode stats = api.get("/api/stats").json();
            JsonNode readings = api.get("/api/sensors/vault-h1/readings").json();

            assertThat(stats.get("sensors").asLong()).isEqualTo(10);
            assertThat(stats.get("readingsReceived").asLong()).isEqualTo(sent + 63);
            assertThat(stats.get("readingsRetained").asLong()).isEqualTo(Sensor.RECENT_READINGS + 63);
            assertThat(stats.get("locations")).isEqualTo(statsBefore.get("locations"));
            assertThat(readings).isEqualTo(readingsBefore);
            assertThat(readings.get("readings")).hasSize(Sensor.RECENT_READINGS);
            assertThat(readings.get("readings").get(0).get("value").asDouble()).isEqualTo(20.0);
            assertThat(api.get("/api/locations/vault/sensors").json()).extracting(s -> s.get("id").asString())
                    .containsExactly("vault-h1");
        }
    }
}
