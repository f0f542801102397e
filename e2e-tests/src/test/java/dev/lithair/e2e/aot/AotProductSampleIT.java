package dev.lithair.e2e.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.FreePorts;
import dev.lithair.testsupport.HttpTestClient;
import dev.lithair.testsupport.HttpTestClient.Response;
import dev.lithair.testsupport.TestDirectories;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product sample's jar, started with Spring AOT's generated code ({@code -Dspring.aot.enabled=true}),
 * walks the README's tour: a product is created, its price changed twice, read, its history listed, a
 * stale version refused, and a restart on the same data directory finds it all again.
 *
 * <p>No Docker: the jar runs as a child process of the test, on a free port and a temporary data
 * directory, so it runs wherever {@code ./mvnw verify} does.
 */
class AotProductSampleIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "aot-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PRODUCTS = "/api/products";

    private Path workDir;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void createWorkDirectory() {
        workDir = TestDirectories.create("lithair-aot-sample-");
    }

    @AfterEach
    void stopAndCleanUp() throws InterruptedException {
        for (Process process : started) {
            stop(process);
        }
        TestDirectories.deleteRecursively(workDir);
    }

    @Test
    void theReadmeTourWorksOnTheAotProcessedJarAndSurvivesARestart() throws Exception {
        Path dataDir = workDir.resolve("data");
        Sample first = start(dataDir, "first.log");
        assertThat(first.log()).contains("Starting AOT-processed ProductApplication");
        HttpTestClient admin = first.client().withBasicAuth(ADMIN, ADMIN_PASSWORD);

        Response created = admin.postJson(PRODUCTS, "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":39.90}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = json(created).get("id").asString();
        Response cheaper = admin.putJson(PRODUCTS + "/" + id,
                "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":34.90,\"version\":0}");
        Response cheapest = admin.putJson(PRODUCTS + "/" + id,
                "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":29.90,\"version\":1}");
        Response stale = admin.putJson(PRODUCTS + "/" + id,
                "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":19.90,\"version\":1}");

        assertThat(cheaper.status()).as(cheaper.toString()).isEqualTo(200);
        assertThat(json(cheaper).get("version").asLong()).isEqualTo(1);
        assertThat(cheapest.status()).as(cheapest.toString()).isEqualTo(200);
        assertThat(json(cheapest).get("version").asLong()).isEqualTo(2);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(json(stale).get("title").asString()).isEqualTo("Version conflict");
        assertTourState(first.client(), id);

        stop(first.process());
        Sample second = start(dataDir, "second.log");

        assertTourState(second.client(), id);
    }

    /** The product as the tour left it: the last accepted price, version 2, and three prices in its history. */
    private static void assertTourState(HttpTestClient anonymous, String id) {
        Response product = anonymous.get(PRODUCTS + "/" + id);
        Response history = anonymous.get(PRODUCTS + "/" + id + "/history?field=price");

        assertThat(product.status()).as(product.toString()).isEqualTo(200);
        assertThat(json(product).get("name").asString()).isEqualTo("Desk lamp");
        assertThat(json(product).get("price").decimalValue()).isEqualByComparingTo("29.90");
        assertThat(json(product).get("version").asLong()).isEqualTo(2);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<JsonNode> changes = json(history).valueStream().toList();
        assertThat(changes).extracting(change -> change.get("newValue").asDouble()).containsExactly(39.90, 34.90, 29.90);
        assertThat(changes).extracting(change -> change.get("actor").asString()).containsOnly(ADMIN);
    }

    private Sample start(Path dataDir, String logName) throws IOException {
        String jar = System.getProperty("lithair.e2e.product-jar");
        assertThat(jar).as("the sample jar (system property lithair.e2e.product-jar)").isNotBlank();
        int port = FreePorts.one();
        Path log = workDir.resolve(logName);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-Dspring.aot.enabled=true", "-jar", jar,
                "--server.port=" + port, "--lithair.data-dir=" + dataDir,
                "--sample.admin.password=" + ADMIN_PASSWORD)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        Sample sample = new Sample(process, HttpTestClient.localhost(port), log);
        Awaits.await().until(() -> {
            assertThat(process.isAlive()).as("the sample is running; its log:%n%s", sample.log()).isTrue();
            return answers(sample.client());
        });
        return sample;
    }

    private static boolean answers(HttpTestClient client) {
        try {
            return client.get("/actuator/health").status() == 200;
        } catch (UncheckedIOException notYetListening) {
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode json(Response response) {
        return JSON.readTree(response.body());
    }

    /** A started sample: its process, a client for its port, and the file its output goes to. */
    private record Sample(Process process, HttpTestClient client, Path logFile) {

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
