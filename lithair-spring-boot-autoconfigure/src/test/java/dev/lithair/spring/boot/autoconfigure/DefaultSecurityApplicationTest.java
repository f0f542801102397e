package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;

import dev.lithair.spring.boot.autoconfigure.fixtures.webapp.Customer;
import dev.lithair.spring.boot.autoconfigure.fixtures.webapp.DefaultSecurityApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.webapp.Order;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application that relies on Spring Boot's default security, with the actuator, after adding Lithair:
 * its own routes stay protected, and the admin routes need the admin role.
 */
@SpringBootTest(classes = DefaultSecurityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,metrics,lithair",
        "management.endpoint.health.show-details=always", "lithair.storage.fsync=never" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DefaultSecurityApplicationTest extends TemporaryDataDirectory {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path backupDir;

    @org.springframework.test.context.DynamicPropertySource
    static void backupDir(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("lithair.backup.directory", () -> backupDir.toString());
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    LithairStore store;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditEventRepository auditEvents;

    private HttpTestClient http() {
        return HttpTestClient.localhost(port);
    }

    private HttpTestClient asAdmin() {
        return http().withBasicAuth("admin", "admin-pw");
    }

    private void saveOrder(String id, String customer, long cents) {
        store.commit(Commit.of(new Operation.Put("Order", id, new Order(id, customer, cents))));
    }

    private static JsonNode json(HttpTestClient.Response response) {
        return JSON.readTree(response.body());
    }

    static Stream<Arguments> adminRoutes() {
        return Stream.of(Arguments.of("GET", "/lithair/admin/stats"), Arguments.of("POST", "/lithair/admin/snapshot"),
                Arguments.of("POST", "/lithair/admin/compact"),
                Arguments.of("GET", "/lithair/admin/entities/Order/o-1/history"),
                Arguments.of("GET", "/lithair/admin/export/Order"), Arguments.of("GET", "/lithair/admin/cluster"),
                Arguments.of("POST", "/lithair/admin/backups"), Arguments.of("GET", "/lithair/admin/backups"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void anAdminRouteAnswers401WithoutCredentials(String method, String path) {
        HttpTestClient.Response response = http().send(method, path);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Lithair admin\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(401);
        assertThat(json(response).get("instance").asString()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void anAdminRouteAnswers401WithWrongCredentials(String method, String path) {
        assertThat(http().withBasicAuth("admin", "wrong").send(method, path).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void anAdminRouteAnswers403WithoutTheAdminRole(String method, String path) {
        HttpTestClient.Response response = http().withBasicAuth("alice", "alice-pw").send(method, path);

        assertThat(response.status()).isEqualTo(403);
        assertThat(json(response).get("title").asString()).isEqualTo("Admin role required");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void anAdminRouteAnswersAnAdmin(String method, String path) {
        saveOrder("o-1", "alice", 1200);

        HttpTestClient.Response response = asAdmin().send(method, path);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anAdminBacksUpTheRunningStoreIntoTheBackupDirectoryAndListsItsBackups(CapturedOutput output) throws Exception {
        saveOrder("b-1", "alice", 700);
        long sequence = store.lastSequence();

        HttpTestClient.Response taken = asAdmin().send("POST", "/lithair/admin/backups");

        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        JsonNode backup = json(taken);
        assertThat(backup.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(backup.get("bytes").asLong()).isPositive();
        String name = backup.get("name").asString();
        assertThat(backupDir.resolve(name).resolve("backup.json")).isRegularFile();
        JsonNode listed = json(asAdmin().get("/lithair/admin/backups"));
        assertThat(listed.findValuesAsString("name")).contains(name);
        assertThat(output.getOut()).contains("action=backup").contains("principal=admin");
        try (LithairStore restored = restoredCopy(name)) {
            assertThat(restored.lastSequence()).isEqualTo(sequence);
            assertThat(restored.get("Order", "b-1")).isPresent();
        }
    }

    /** Restores backup {@code name} into a new directory and opens a store on it. */
    private static LithairStore restoredCopy(String name) {
        java.nio.file.Path target = backupDir.resolve("restored-" + name);
        dev.lithair.backup.Backups.restore(backupDir.resolve(name), target, dev.lithair.backup.RestorePoint.end());
        return LithairStore.open(dev.lithair.store.StoreOptions.defaults(target));
    }

    @Test
    void theApplicationsOwnRoutesStillNeedAuthenticationAsWithSpringBootsDefault() {
        assertThat(http().get("/api/hello").status()).isEqualTo(401);
        assertThat(http().withHeader("Accept", "text/html").send("GET", "/api/hello").status())
                .as("a browser is sent to the form login").isEqualTo(302);
        assertThat(http().withBasicAuth("alice", "alice-pw").get("/api/hello").body()).isEqualTo("hello");
        assertThat(asAdmin().get("/api/hello").status()).isEqualTo(200);
        assertThat(http().get("/anything-else").status()).isEqualTo(401);
    }

    @Test
    void anAdminLoggedInThroughTheApplicationsFormLoginUsesTheAdminRoutesWithItsSession() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as(loginPage).isTrue();
        String form = "username=admin&password=admin-pw&_csrf=" + URLEncoder.encode(csrf.group(1), UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form))
                .build(), BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));

        HttpResponse<String> stats = browser.send(HttpRequest.newBuilder(URI.create(base + "/lithair/admin/stats"))
                .build(), BodyHandlers.ofString());
        HttpResponse<String> forgedSnapshot = browser.send(HttpRequest.newBuilder(
                URI.create(base + "/lithair/admin/snapshot")).POST(BodyPublishers.noBody()).build(),
                BodyHandlers.ofString());

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(forgedSnapshot.statusCode()).as("a session-authenticated POST needs the CSRF token")
                .isEqualTo(403);
        assertThat(JSON.readTree(forgedSnapshot.body()).get("title").asString()).isEqualTo("CSRF token required");
    }

    @Test
    void aCrossSiteAdminPostCarryingTheBrowsersBasicCredentialsIsRefusedAndChangesNothing() throws Exception {
        saveOrder("x-1", "mallory", 100);
        JsonNode statsBefore = json(asAdmin().get("/lithair/admin/stats"));
        List<String> filesBefore = dataFiles();

        // What a form on another site makes the browser send: its cached Basic credentials, and where it comes from.
        HttpTestClient.Response forged = asAdmin().withHeader("Origin", "https://elsewhere.example")
                .withHeader("Sec-Fetch-Site", "cross-site")
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/lithair/admin/compact");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(json(forged).get("title").asString()).isEqualTo("Cross-site admin write refused");
        JsonNode statsAfter = json(asAdmin().get("/lithair/admin/stats"));
        assertThat(statsAfter.get("lastSnapshotSequence")).isEqualTo(statsBefore.get("lastSnapshotSequence"));
        assertThat(statsAfter.get("logSegments")).isEqualTo(statsBefore.get("logSegments"));
        assertThat(statsAfter.get("logBytes")).isEqualTo(statsBefore.get("logBytes"));
        assertThat(dataFiles()).isEqualTo(filesBefore);
    }

    private static List<String> dataFiles() throws java.io.IOException {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dataDir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void refusedAdminCallsAreAuditedWithTheCallerTheRouteTheOutcomeAndTheAddress(CapturedOutput output) {
        http().get("/lithair/admin/export/Order");
        http().withBasicAuth("alice", "alice-pw").get("/lithair/admin/stats");
        http().withBasicAuth("admin", "not-the-password").send("POST", "/lithair/admin/snapshot");

        assertThat(refusals("anonymous")).extracting(event -> event.getData().get("target"),
                event -> event.getData().get("outcome"), event -> event.getData().get("remoteAddress"))
                .contains(tuple("GET /lithair/admin/export/Order", "failure: 401 Authentication required", "127.0.0.1"),
                        tuple("POST /lithair/admin/snapshot", "failure: 401 Authentication required", "127.0.0.1"));
        assertThat(refusals("alice")).extracting(event -> event.getData().get("target"),
                event -> event.getData().get("outcome"))
                .contains(tuple("GET /lithair/admin/stats", "failure: 403 Admin role required"));
        assertThat(output.getOut()).contains("principal=alice action=refused target=GET /lithair/admin/stats "
                + "outcome=failure: 403 Admin role required remote=127.0.0.1")
                .contains("principal=anonymous action=refused target=GET /lithair/admin/export/Order "
                        + "outcome=failure: 401 Authentication required remote=127.0.0.1");
    }

    @Test
    void aCrossSiteAdminWriteIsAuditedOnceWithTheAdminsName() {
        asAdmin().withHeader("Origin", "https://elsewhere.example").send("POST", "/lithair/admin/compact");

        assertThat(refusals("admin")).extracting(event -> event.getData().get("target"),
                event -> event.getData().get("outcome"))
                .containsOnlyOnce(tuple("POST /lithair/admin/compact", "failure: 403 Cross-site admin write refused"));
    }

    private List<AuditEvent> refusals(String principal) {
        return auditEvents.find(principal, null, "LITHAIR_ADMIN_REFUSED");
    }

    @Test
    void anExportAndAHistoryLeaveOutWhatTheEntitysJsonHides() {
        Customer customer = new Customer("c-1", "Ann", "{bcrypt}$2a$10$not-for-export", "recovery-1");
        store.commit(Commit.of(new Operation.Put("Customer", "c-1", customer)));
        store.commit(Commit.of(new Operation.Put("Customer", "c-1",
                new Customer("c-1", "Ann", "{bcrypt}$2a$10$changed", "recovery-2"))));

        HttpTestClient.Response export = asAdmin().get("/lithair/admin/export/Customer");
        HttpTestClient.Response history = asAdmin().get("/lithair/admin/entities/Customer/c-1/history");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).isEqualTo("{\"id\":\"c-1\",\"name\":\"Ann\"}\n");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("Ann").doesNotContain("bcrypt").doesNotContain("recovery");
    }

    @Test
    void springBootsDefaultChainStaysAndLithairAddsOnlyTheAdminChain() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsKey("lithairAdminSecurityFilterChain")
                .doesNotContainKey("lithairDefaultSecurityFilterChain").hasSize(2);
    }

    @Test
    void statsReportEveryTypeTheSequenceAndTheLog() {
        saveOrder("o-2", "bob", 300);

        JsonNode stats = json(asAdmin().get("/lithair/admin/stats"));

        assertThat(stats.get("sequence").asLong()).isEqualTo(store.lastSequence());
        assertThat(stats.get("entities").get("Order").asInt()).isEqualTo(store.count("Order"));
        assertThat(stats.get("logBytes").asLong()).isPositive();
        assertThat(stats.get("logSegments").asInt()).isPositive();
        assertThat(stats.has("lastSnapshotSequence")).isTrue();
    }

    @Test
    void aSnapshotAndACompactionReportWhatTheyWrote() {
        saveOrder("o-3", "carol", 500);

        JsonNode snapshot = json(asAdmin().send("POST", "/lithair/admin/snapshot"));
        JsonNode compacted = json(asAdmin().send("POST", "/lithair/admin/compact"));

        assertThat(snapshot.get("sequence").asLong()).isEqualTo(store.lastSequence());
        assertThat(snapshot.get("file").asString()).startsWith("state-").endsWith(".raftsnap");
        assertThat(compacted.get("sizeBytes").asLong()).isPositive();
        assertThat(json(asAdmin().get("/lithair/admin/stats")).get("lastSnapshotSequence")
                .asLong()).isEqualTo(store.lastSequence());
    }

    @Test
    void anExportStreamsEveryEntityAsOneJsonDocumentPerLine() {
        saveOrder("o-4", "dave", 700);
        saveOrder("o-5", "erin", 900);

        HttpTestClient.Response response = asAdmin().get("/lithair/admin/export/Order");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(store.count("Order"));
        assertThat(lines.stream().map(line -> JSON.readTree(line).get("id").asString()))
                .contains("o-4", "o-5");
    }

    @Test
    void anUnknownTypeIsAProblemDetail404() {
        HttpTestClient.Response export = asAdmin().get("/lithair/admin/export/Nope");
        HttpTestClient.Response history = asAdmin().get("/lithair/admin/entities/Nope/1/history");

        for (HttpTestClient.Response response : List.of(export, history)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response).get("title").asString()).isEqualTo("Unknown entity type");
            assertThat(json(response).get("detail").asString()).contains("Nope").contains("Order");
        }
    }

    @Test
    void theHistoryRouteAnswersAKnownEntityAndIsNotFoundForAnUnknownOne() {
        saveOrder("o-6", "frank", 100);

        HttpTestClient.Response response = asAdmin().get("/lithair/admin/entities/Order/o-6/history");

        assertThat(response.status()).isEqualTo(200);
        assertThat(asAdmin().get("/lithair/admin/entities/Order/absent/history").status())
                .isEqualTo(404);
    }

    @Test
    void aSingleNodeIsItsOwnLeader() {
        JsonNode cluster = json(asAdmin().get("/lithair/admin/cluster"));

        assertThat(cluster.get("mode").asString()).isEqualTo("single-node");
        assertThat(cluster.get("role").asString()).isEqualTo("LEADER");
    }

    @Test
    void adminActionsAreAuditedWithWhoWhatAndWhen() {
        asAdmin().send("POST", "/lithair/admin/snapshot");

        List<AuditEvent> events = auditEvents.find("admin", null, "LITHAIR_ADMIN_SNAPSHOT");
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).getData()).containsEntry("outcome", "success");
        assertThat(events.get(events.size() - 1).getTimestamp()).isNotNull();
    }

    @Test
    void theHealthShowsLithairUpWithItsDetails() {
        JsonNode health = json(http().get("/actuator/health"));

        JsonNode lithair = health.get("components").get("lithair");
        assertThat(lithair.get("status").asString()).isEqualTo("UP");
        assertThat(lithair.get("details").has("lastSequence")).isTrue();
        assertThat(lithair.get("details").get("freeBytes").asLong()).isPositive();
    }

    @Test
    void eventsAppendedAreCountedInMetrics() {
        double before = appendedEvents();

        store.commit(Commit.of(new Operation.Put("Order", "m-1", new Order("m-1", "gina", 1)),
                new Operation.Put("Order", "m-2", new Order("m-2", "gina", 2))));

        assertThat(appendedEvents()).isEqualTo(before + 2);
    }

    private double appendedEvents() {
        HttpTestClient.Response response = asAdmin().get("/actuator/metrics/lithair.events.appended");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void theActuatorEndpointReportsTheStore() {
        saveOrder("o-7", "hank", 10);

        HttpTestClient.Response response = asAdmin().get("/actuator/lithair");

        assertThat(response.status()).isEqualTo(200);
        JsonNode lithair = json(response);
        assertThat(lithair.get("mode").asString()).isEqualTo("single-node");
        assertThat(lithair.get("stats").get("entities").get("Order").asInt()).isEqualTo(store.count("Order"));
        assertThat(lithair.get("storage").get("fsync").asString()).isEqualTo("never");
        assertThat(http().get("/actuator/lithair").status()).as("the actuator stays protected").isEqualTo(401);
    }
}
