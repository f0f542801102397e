package dev.lithair.sample.iot;

import static dev.lithair.sample.iot.Batches.T0;
import static dev.lithair.sample.iot.Batches.batch;
import static dev.lithair.sample.iot.Batches.reading;
import static dev.lithair.sample.iot.Batches.sensor;
import static dev.lithair.sample.iot.Batches.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.sample.iot.ApiClient.Response;
import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.store.LithairStore;
import tools.jackson.databind.JsonNode;

/** Every route of the IoT API against the running application, good input and bad. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.user.password=test-admin-secret", "iot.api.max-body-size=64KB" })
class IotApiTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    LithairStore store;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private void register(String id, String location, String kind) {
        assertThat(api.postJson("/api/sensors", sensor(id, location, kind)).status()).isEqualTo(201);
    }

    private JsonNode readings(String id) {
        Response response = api.get("/api/sensors/" + id + "/readings");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<Double> values(JsonNode readings) {
        List<Double> values = new ArrayList<>();
        readings.get("readings").forEach(reading -> values.add(reading.get("value").asDouble()));
        return values;
    }

    // ------------------------------------------------------------------ sensors and locations

    @Test
    void aRegisteredSensorIsFoundByIdAndAtItsLocation() {
        Response created = api.postJson("/api/sensors", sensor("attic-t1", "attic", "TEMPERATURE"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("readingsCount").asLong()).isZero();
        JsonNode found = api.get("/api/sensors/attic-t1").json();
        assertThat(found.get("location").asString()).isEqualTo("attic");
        assertThat(found.get("kind").asString()).isEqualTo("TEMPERATURE");
        JsonNode atAttic = api.get("/api/locations/attic/sensors").json();
        assertThat(atAttic).extracting(sensor -> sensor.get("id").asString()).containsExactly("attic-t1");
        assertThat(api.get("/api/locations/nowhere/sensors").json()).isEmpty();
    }

    @Test
    void registeringTheSameSensorAgainIsHarmlessButAnotherSensorUnderItsIdIsRefused() {
        register("dup-1", "cellar", "HUMIDITY");

        Response again = api.postJson("/api/sensors", sensor("dup-1", "cellar", "HUMIDITY"));
        Response other = api.postJson("/api/sensors", sensor("dup-1", "roof", "HUMIDITY"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().get("detail").asString()).contains("cellar");
        assertThat(api.get("/api/sensors/dup-1").json().get("location").asString()).isEqualTo("cellar");
    }

    @Test
    void anUnknownSensorIsNotFound() {
        Response sensor = api.get("/api/sensors/ghost");
        Response readings = api.get("/api/sensors/ghost/readings");

        assertThat(sensor.status()).isEqualTo(404);
        assertThat(readings.status()).isEqualTo(404);
        assertThat(readings.json().get("detail").asString()).contains("ghost");
    }

    // ------------------------------------------------------------------ batches

    @Test
    void aBatchIsAppliedOnceHoweverOftenItIsSent() {
        register("once-a", "lab", "TEMPERATURE");
        register("once-b", "lab", "TEMPERATURE");
        Map<String, Object> batch = batch("gw-lab-0001", List.of(reading("once-a", T0, 20.5),
                reading("once-b", T0, 21.5)));

        Response first = api.postJson("/api/batches", batch);
        long sequenceAfterFirst = store.lastSequence();
        Response second = api.postJson("/api/batches", batch);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("applied").asBoolean()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("applied").asBoolean()).isFalse();
        assertThat(store.lastSequence()).isEqualTo(sequenceAfterFirst);
        assertThat(api.get("/api/sensors/once-a").json().get("readingsCount").asLong()).isEqualTo(1);
        assertThat(values(readings("once-b"))).containsExactly(21.5);
    }

    @Test
    void concurrentBatchesForOneSensorLoseNoReading() throws Exception {
        register("busy", "lab", "TEMPERATURE");
        int batches = 16;
        List<java.util.concurrent.Callable<Response>> senders = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            Map<String, Object> batch = batch("gw-busy-" + i, List.of(reading("busy", T0.plusSeconds(i), i)));
            senders.add(() -> api.postJson("/api/batches", batch));
        }

        List<java.util.concurrent.Future<Response>> sent;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            sent = pool.invokeAll(senders);
        } finally {
            pool.shutdown();
        }

        for (java.util.concurrent.Future<Response> response : sent) {
            assertThat(response.get().status()).isEqualTo(200);
            assertThat(response.get().json().get("applied").asBoolean()).isTrue();
        }
        assertThat(api.get("/api/sensors/busy").json().get("readingsCount").asLong()).isEqualTo(batches);
        assertThat(values(readings("busy"))).hasSize(batches).doesNotHaveDuplicates();
    }

    @Test
    void everyReadingOfABatchIsKeptEvenSeveralOfOneSensor() {
        register("multi", "lab", "CO2");

        Response response = api.postJson("/api/batches", batch("gw-multi-1", series("multi", 3)));

        assertThat(response.json().get("readings").asInt()).isEqualTo(3);
        assertThat(values(readings("multi"))).containsExactly(0.0, 1.0, 2.0);
        JsonNode sensor = api.get("/api/sensors/multi").json();
        assertThat(sensor.get("readingsCount").asLong()).isEqualTo(3);
        assertThat(sensor.get("latestReading").get("value").asDouble()).isEqualTo(2.0);
    }

    @Test
    void onlyTheNewestReadingsOfTheDeclaredWindowAreKept() {
        register("window", "lab", "TEMPERATURE");
        int sent = Sensor.RECENT_READINGS + 30;

        api.postJson("/api/batches", batch("gw-window-1", series("window", sent)));

        JsonNode readings = readings("window");
        assertThat(readings.get("received").asLong()).isEqualTo(sent);
        assertThat(readings.get("window").asInt()).isEqualTo(Sensor.RECENT_READINGS);
        assertThat(values(readings)).hasSize(Sensor.RECENT_READINGS).startsWith(30.0).endsWith(sent - 1.0);
        assertThat(readings.get("readings").get(0).get("at").asString()).isEqualTo(T0.plusSeconds(30).toString());
    }

    @Test
    void readingsAreFilteredByTheTimeTheyWereMeasured() {
        register("ranged", "lab", "HUMIDITY");
        api.postJson("/api/batches", batch("gw-ranged-1", series("ranged", 10)));

        Response range = api.get("/api/sensors/ranged/readings?from=" + T0.plusSeconds(3) + "&to=" + T0.plusSeconds(6));
        Response since = api.get("/api/sensors/ranged/readings?from=" + T0.plusSeconds(8));

        assertThat(values(range.json())).containsExactly(3.0, 4.0, 5.0);
        assertThat(values(since.json())).containsExactly(8.0, 9.0);
    }

    @Test
    void aBatchNamingAnUnregisteredSensorIsRefusedWhole() {
        register("known", "lab", "TEMPERATURE");
        long sequence = store.lastSequence();

        Response response = api.postJson("/api/batches", batch("gw-unknown-1",
                List.of(reading("known", T0, 1), reading("unknown-1", T0, 2))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("unknownSensorIds")).extracting(JsonNode::asString)
                .containsExactly("unknown-1");
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(api.get("/api/sensors/known").json().get("readingsCount").asLong()).isZero();
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"batchId\": \"b-1\", \"readings\": [", "not valid JSON"),
                Arguments.of("a value of the wrong type", "{\"batchId\": \"b-2\", \"readings\": [{\"sensorId\": "
                        + "\"bad-input\", \"at\": \"2026-11-20T08:00:00Z\", \"value\": \"warm\"}]}", "not valid JSON"),
                Arguments.of("a time that is no instant", "{\"batchId\": \"b-3\", \"readings\": [{\"sensorId\": "
                        + "\"bad-input\", \"at\": \"yesterday\", \"value\": 1}]}", "not valid JSON"),
                Arguments.of("no batch id", "{\"readings\": [{\"sensorId\": \"bad-input\", \"at\": "
                        + "\"2026-11-20T08:00:00Z\", \"value\": 1}]}", "batchId: must not be blank"),
                Arguments.of("a batch id with a slash", "{\"batchId\": \"a/b\", \"readings\": [{\"sensorId\": "
                        + "\"bad-input\", \"at\": \"2026-11-20T08:00:00Z\", \"value\": 1}]}", "batchId: may contain"),
                Arguments.of("no readings", "{\"batchId\": \"b-4\", \"readings\": []}", "readings: must not be empty"),
                Arguments.of("a reading without a value", "{\"batchId\": \"b-5\", \"readings\": [{\"sensorId\": "
                        + "\"bad-input\", \"at\": \"2026-11-20T08:00:00Z\"}]}", "readings[0].value: must not be null"),
                Arguments.of("an empty body", "", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void aBadBatchIsRefusedWithAProblemAndNothingIsStored(String what, String body, String expectedDetail) {
        api.postJson("/api/sensors", sensor("bad-input", "lab", "TEMPERATURE"));
        long sequence = store.lastSequence();
        long logBytes = store.stats().logBytes();

        Response response = api.postJson("/api/batches", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains(expectedDetail);
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(store.stats().logBytes()).isEqualTo(logBytes);
        assertThat(api.get("/api/sensors/bad-input").json().get("readingsCount").asLong()).isZero();
    }

    @Test
    void aBodyOfAnotherMediaTypeIsRefused() {
        Response response = api.post("/api/batches", "text/plain", BodyPublishers.ofString("gw-1 sensor 1 2"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOversizeBodyIsRefusedWith413AndNothingIsStored() {
        register("big", "lab", "TEMPERATURE");
        long sequence = store.lastSequence();
        String body = ApiClient.JSON.writeValueAsString(batch("gw-big-1", series("big", 2_000)));
        assertThat(body.length()).isGreaterThan(64 * 1024);

        Response declared = api.postJson("/api/batches", body);
        Response chunked = api.post("/api/batches", "application/json", BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        assertThat(declared.json().get("detail").asString()).contains("limit");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().get("detail").asString()).contains("limit");
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(api.get("/api/sensors/big").json().get("readingsCount").asLong()).isZero();
    }

    // ------------------------------------------------------------------ generated load, stats, duplicates

    @Test
    void generatedBatchesRegisterTheSensorsAndShowInTheStats() {
        JsonNode before = api.get("/api/stats").json();

        Response generated = api.post("/api/generate-fresh?sensors=12&readings=5");

        assertThat(generated.status()).isEqualTo(200);
        assertThat(generated.json().get("readings").asLong()).isEqualTo(60);
        assertThat(generated.json().get("batches").asInt()).isEqualTo(5);
        JsonNode after = api.get("/api/stats").json();
        assertThat(after.get("readingsReceived").asLong() - before.get("readingsReceived").asLong()).isEqualTo(60);
        assertThat(after.get("sensors").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(after.get("eventsAppended").asLong()).isGreaterThan(before.get("eventsAppended").asLong());
        assertThat(after.get("locations").get("greenhouse-north").get("sensors").asLong()).isPositive();
        assertThat(after.get("memory").get("heapUsedBytes").asLong()).isPositive();
        assertThat(after.get("memory").get("estimatedByType").get("Sensor").get("items").asLong())
                .isEqualTo(after.get("sensors").asLong());
        assertThat(api.get("/api/sensors/sensor-00012/readings").json().get("readings").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void reSentBatchesAreNotAppliedTwice() {
        api.post("/api/generate-fresh?sensors=3&readings=4");
        long sequence = store.lastSequence();

        Response report = api.post("/api/test-duplicates?count=4");

        assertThat(report.status()).isEqualTo(200);
        JsonNode body = report.json();
        assertThat(body.get("resent").asInt()).isEqualTo(4);
        assertThat(body.get("appliedAgain").asInt()).isZero();
        assertThat(body.get("ignoredAsDuplicates").asInt()).isEqualTo(4);
        assertThat(body.get("readingsReceivedAfter").asLong()).isEqualTo(body.get("readingsReceivedBefore").asLong());
        assertThat(store.lastSequence()).isEqualTo(sequence);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("POST", "/api/generate-fresh?sensors=3", "readings"),
                Arguments.of("POST", "/api/generate-fresh?readings=3", "sensors"),
                Arguments.of("POST", "/api/generate-fresh?sensors=three&readings=3", "sensors"),
                Arguments.of("POST", "/api/generate-fresh?sensors=0&readings=3", "sensors"),
                Arguments.of("POST", "/api/generate-fresh?sensors=10000&readings=1000", "at most"),
                Arguments.of("POST", "/api/test-duplicates?count=-1", "count"),
                Arguments.of("GET", "/api/sensors/ranged/readings?from=yesterday", "from"),
                Arguments.of("GET", "/api/sensors/ranged/readings?from=2026-11-20T09:00:00Z&to=2026-11-20T08:00:00Z",
                        "must not be after"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badParameters")
    void badParametersAreRefusedWithAProblemAndNothingIsStored(String method, String path, String named) {
        long sequence = store.lastSequence();

        Response response = method.equals("GET") ? api.get(path) : api.post(path);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(named);
        assertThat(store.lastSequence()).isEqualTo(sequence);
    }

    // ------------------------------------------------------------------ dashboard, stream, security

    @Test
    void theDashboardAndItsChartLibraryAreServedWithoutCredentials() {
        Response page = api.get("/");
        Response chart = api.get("/webjars/uplot/dist/uPlot.iife.min.js");
        Response script = api.get("/dashboard.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Lithair IoT", "/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body()).contains("uPlot");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("/api/stream");
    }

    @Test
    void theStreamSendsTheStatsAndTheFollowedSensorsReadings() throws Exception {
        register("streamed", "lab", "TEMPERATURE");
        api.postJson("/api/batches", batch("gw-streamed-1", series("streamed", 3)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/stream?sensor=streamed"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();

        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (data.size() < 2 && (line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                }
            }
        }
        assertThat(events).containsExactly("stats", "readings");
        assertThat(ApiClient.JSON.readTree(data.get(0)).get("sensors").asLong()).isPositive();
        JsonNode readings = ApiClient.JSON.readTree(data.get(1));
        assertThat(readings.get("sensorId").asString()).isEqualTo("streamed");
        assertThat(readings.get("readings")).extracting(reading -> reading.get("value").asDouble())
                .containsExactly(0.0, 1.0, 2.0);
    }

    @Test
    void theApiAndHealthAreOpenWhileLithairAdminRoutesNeedTheAdminRole() {
        Response health = api.get("/actuator/health");
        Response adminAnonymous = api.get("/lithair/admin/stats");
        Response adminWrongPassword = api.getAs("/lithair/admin/stats", "admin", "guess");
        Response admin = api.getAs("/lithair/admin/stats", "admin", "test-admin-secret");
        Response otherRoute = api.get("/actuator/env");

        assertThat(health.status()).isEqualTo(200);
        assertThat(adminAnonymous.status()).isEqualTo(401);
        assertThat(adminAnonymous.contentType()).startsWith("application/problem+json");
        assertThat(adminWrongPassword.status()).isEqualTo(401);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().toString()).contains("Sensor");
        assertThat(otherRoute.status()).isEqualTo(401);
    }
}
