package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.spring.boot.autoconfigure.admin.AdminAuditEvent;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAuditSink;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.Tenants;
import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin routes of one tenant: off-boarding ({@code DELETE {admin}/tenants/{tenant}?confirm={tenant}})
 * deletes its folder only when confirmed and unused, audited; stats and export answer as the single store's
 * routes do; and no route creates a tenant for an invalid or unknown id.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "lithair.tenancy.enabled=true", "lithair.storage.fsync=never" })
@Import(TenantAdminWebTest.RecordedAudit.class)
@DirtiesContext
class TenantAdminWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> root.resolve("data").toString());
    }

    @TestConfiguration
    static class RecordedAudit {

        static final List<AdminAuditEvent> EVENTS = new CopyOnWriteArrayList<>();

        @Bean
        LithairAdminAuditSink recordingSink() {
            return EVENTS::add;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketRepository tickets;

    @Autowired
    PlatformTransactionManager transactionManager;

    private HttpTestClient asAdmin() {
        return HttpTestClient.localhost(port).withBasicAuth("admin", "admin-pw");
    }

    private static Path tenantFolder(String tenant) {
        return root.resolve("data").resolve("tenants").resolve(tenant);
    }

    private static Set<String> filesUnderRoot() {
        try (Stream<Path> paths = Files.walk(root)) {
            Set<String> all = new TreeSet<>();
            paths.forEach(path -> all.add(root.relativize(path).toString()));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<AdminAuditEvent> audited(String action, String target) {
        return RecordedAudit.EVENTS.stream()
                .filter(event -> event.action().equals(action) && target.equals(event.target())).toList();
    }

    private List<Ticket> ticketsOf(String tenant) {
        try {
            return Tenants.callAs(tenant, tickets::findAll);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aConfirmedDeletionRemovesTheFolderLeavesOtherTenantsAndIsAudited() {
        Tenants.runAs("gone", () -> tickets.save(new Ticket("t1", "billing", "open")));
        Tenants.runAs("kept", () -> tickets.save(new Ticket("t1", "billing", "kept")));

        HttpTestClient.Response response = asAdmin().delete("/lithair/admin/tenants/gone?confirm=gone");

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(tenantFolder("gone")).doesNotExist();
        assertThat(tenantFolder("kept")).isDirectory();
        assertThat(ticketsOf("kept")).extracting(Ticket::status).containsExactly("kept");
        assertThat(audited("tenant-delete", "gone")).singleElement().satisfies(event -> {
            assertThat(event.principal()).isEqualTo("admin");
            assertThat(event.outcome()).isEqualTo("success");
        });
        assertThat(Files.exists(tenantFolder("gone").getParent())).isTrue();
        try (Stream<Path> left = Files.list(tenantFolder("gone").getParent())) {
            assertThat(left.map(path -> path.getFileName().toString())).doesNotContain("gone")
                    .noneMatch(name -> name.startsWith(".deleting"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDeletedTenantIdCanBeUsedAgainAndStartsEmpty() {
        Tenants.runAs("reborn", () -> tickets.save(new Ticket("t1", "billing", "old")));
        assertThat(asAdmin().delete("/lithair/admin/tenants/reborn?confirm=reborn").status()).isEqualTo(204);

        assertThat(ticketsOf("reborn")).isEmpty();
        Tenants.runAs("reborn", () -> tickets.save(new Ticket("t2", "billing", "new")));
        assertThat(ticketsOf("reborn")).extracting(Ticket::id).containsExactly("t2");
    }

    @Test
    void aDeletionWithoutOrWithAWrongConfirmationIsRefused400AndDeletesNothing() {
        Tenants.runAs("unconfirmed", () -> tickets.save(new Ticket("t1", "billing", "open")));
        Set<String> before = filesUnderRoot();

        for (String path : List.of("/lithair/admin/tenants/unconfirmed",
                "/lithair/admin/tenants/unconfirmed?confirm=", "/lithair/admin/tenants/unconfirmed?confirm=other",
                "/lithair/admin/tenants/unconfirmed?confirm=UNCONFIRMED")) {
            HttpTestClient.Response response = asAdmin().delete(path);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Confirmation required");
        }

        assertThat(filesUnderRoot()).isEqualTo(before);
        assertThat(ticketsOf("unconfirmed")).hasSize(1);
        assertThat(audited("tenant-delete", "unconfirmed")).hasSize(4)
                .allSatisfy(event -> assertThat(event.outcome()).startsWith("failure: 400"));
    }

    @Test
    void aTenantInUseByATransactionIsNotDeletedUnderIt() throws Exception {
        Tenants.runAs("busy", () -> tickets.save(new Ticket("t1", "billing", "open")));
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> transaction = CompletableFuture.runAsync(() -> Tenants.runAs("busy",
                () -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    tickets.save(new Ticket("t2", "billing", "open"));
                    inTransaction.countDown();
                    try {
                        finish.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })));
        try {
            assertThat(inTransaction.await(30, TimeUnit.SECONDS)).isTrue();

            HttpTestClient.Response refused = asAdmin().delete("/lithair/admin/tenants/busy?confirm=busy");

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).get("title").asString()).isEqualTo("Tenant in use");
            assertThat(tenantFolder("busy")).isDirectory();
        } finally {
            finish.countDown();
        }
        transaction.get(30, TimeUnit.SECONDS);
        assertThat(ticketsOf("busy")).extracting(Ticket::id).containsExactlyInAnyOrder("t1", "t2");

        assertThat(asAdmin().delete("/lithair/admin/tenants/busy?confirm=busy").status()).isEqualTo(204);
        assertThat(tenantFolder("busy")).doesNotExist();
    }

    @Test
    void theStatsOfATenantAreThoseOfItsStoreOpenedIfClosed() {
        Tenants.runAs("counted", () -> {
            tickets.save(new Ticket("t1", "billing", "open"));
            tickets.save(new Ticket("t2", "billing", "open"));
        });
        Tenants.runAs("other-shop", () -> tickets.save(new Ticket("t1", "billing", "open")));

        HttpTestClient.Response response = asAdmin().get("/lithair/admin/tenants/counted/stats");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode stats = JSON.readTree(response.body());
        assertThat(stats.get("sequence").asLong()).isEqualTo(2);
        assertThat(stats.get("entities").get("Ticket").asInt()).isEqualTo(2);
        assertThat(stats.get("dataDirectory").asString()).isEqualTo(tenantFolder("counted").toString());
        assertThat(audited("tenant-stats", "counted")).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo("success"));
    }

    @Test
    void theExportOfATenantHoldsItsEntitiesOnly() {
        Tenants.runAs("exported", () -> tickets.save(new Ticket("t1", "billing", "mine")));
        Tenants.runAs("neighbour", () -> tickets.save(new Ticket("t9", "billing", "theirs")));

        HttpTestClient.Response response = asAdmin().get("/lithair/admin/tenants/exported/export/Ticket");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        assertThat(response.body().lines().map(JSON::readTree).map(line -> line.get("status").asString()))
                .containsExactly("mine");
        assertThat(asAdmin().get("/lithair/admin/tenants/exported/export/Nope").status()).isEqualTo(404);
    }

    @Test
    void aTenantOfASingleNodeHasNoClusterStatus() {
        Tenants.runAs("alone", () -> tickets.save(new Ticket("t1", "billing", "open")));

        HttpTestClient.Response response = asAdmin().get("/lithair/admin/tenants/alone/cluster");

        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Not a cluster member");
    }

    @Test
    void anInvalidOrUnknownTenantIsAnswered400Or404AndNothingIsCreated() {
        Tenants.runAs("existing", () -> tickets.save(new Ticket("t1", "billing", "open")));
        Set<String> before = filesUnderRoot();

        for (String invalid : List.of("-x", "a%20b", "_x", "a".repeat(64))) {
            for (String path : List.of("/tenants/" + invalid + "/stats", "/tenants/" + invalid + "/export/Ticket",
                    "/tenants/" + invalid + "?confirm=" + invalid)) {
                HttpTestClient.Response response = path.contains("?") ? asAdmin().delete("/lithair/admin" + path)
                        : asAdmin().get("/lithair/admin" + path);

                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Invalid tenant");
            }
        }
        for (String traversal : List.of("..", "%2E%2E", "a%2Fb", "%2Fetc", "..%2F..%2Fdata")) {
            // refused by the container or the firewall before the route, or by the route: never served
            assertThat(asAdmin().get("/lithair/admin/tenants/" + traversal + "/stats").status()).as(traversal)
                    .isGreaterThanOrEqualTo(400);
            assertThat(asAdmin().delete("/lithair/admin/tenants/" + traversal + "?confirm=" + traversal).status())
                    .as(traversal).isGreaterThanOrEqualTo(400);
        }
        for (String path : List.of("/tenants/nobody/stats", "/tenants/nobody/export/Ticket",
                "/tenants/EXISTING/stats")) {
            HttpTestClient.Response response = asAdmin().get("/lithair/admin" + path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Unknown tenant");
        }
        assertThat(asAdmin().delete("/lithair/admin/tenants/nobody?confirm=nobody").status()).isEqualTo(404);

        assertThat(filesUnderRoot()).isEqualTo(before);
    }

    @Test
    void theTenantRoutesAreForTheAdminRoleOnly() {
        Tenants.runAs("guarded", () -> tickets.save(new Ticket("t1", "billing", "open")));
        HttpTestClient alice = HttpTestClient.localhost(port).withBasicAuth("alice", "alice-pw");

        assertThat(alice.get("/lithair/admin/tenants/guarded/stats").status()).isEqualTo(403);
        assertThat(alice.delete("/lithair/admin/tenants/guarded?confirm=guarded").status()).isEqualTo(403);
        assertThat(HttpTestClient.localhost(port).delete("/lithair/admin/tenants/guarded?confirm=guarded").status())
                .isEqualTo(401);
        assertThat(asAdmin().withHeader("Origin", "https://evil.example")
                .delete("/lithair/admin/tenants/guarded?confirm=guarded").status()).isEqualTo(403);
        assertThat(tenantFolder("guarded")).isDirectory();
    }
}
