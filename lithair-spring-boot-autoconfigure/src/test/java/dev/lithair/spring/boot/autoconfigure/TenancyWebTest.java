package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.Tenants;
import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In a web application with tenants, the request header {@code X-Tenant-Id} names the tenant: a request
 * sees only its tenant's data, an invalid header is answered 400 and touches no file, and the admin route
 * {@code GET {admin}/tenants} lists the tenants to the admin role only.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "lithair.tenancy.enabled=true", "lithair.storage.fsync=never" })
@DirtiesContext
class TenancyWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> root.resolve("data").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketRepository tickets;

    private HttpTestClient asAlice() {
        return HttpTestClient.localhost(port).withBasicAuth("alice", "alice-pw");
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

    @Test
    void aRequestSeesOnlyTheTenantItsHeaderNames() {
        Tenants.runAs("shop-a", () -> tickets.save(new Ticket("t1", "billing", "a")));
        Tenants.runAs("shop-b", () -> tickets.save(new Ticket("t1", "billing", "b")));

        HttpTestClient.Response a = asAlice().withHeader("X-Tenant-Id", "shop-a").get("/api/tickets");
        HttpTestClient.Response b = asAlice().withHeader("X-Tenant-Id", "shop-b").get("/api/tickets");

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(JSON.readTree(a.body()).findValuesAsString("status")).containsExactly("a");
        assertThat(JSON.readTree(b.body()).findValuesAsString("status")).containsExactly("b");
    }

    @Test
    void anInvalidTenantHeaderIsAnswered400AndTouchesNoFile() {
        Set<String> before = filesUnderRoot();

        for (String tenant : List.of("..", "../x", "a/b", "/abs", ".", "a".repeat(64), "a b")) {
            HttpTestClient.Response response = asAlice().withHeader("X-Tenant-Id", tenant).get("/api/tickets");

            assertThat(response.status()).as(tenant).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("is refused");
        }

        assertThat(filesUnderRoot()).isEqualTo(before);
    }

    @Test
    void aRequestWithoutTheHeaderReadsNothingAndTouchesNoFile() {
        Set<String> before = filesUnderRoot();

        HttpTestClient.Response response = asAlice().get("/api/tickets");

        assertThat(response.status()).isEqualTo(500);
        assertThat(filesUnderRoot()).isEqualTo(before);
    }

    @Test
    void theTenantsRouteListsTheTenantsToTheAdminRoleOnly() {
        Tenants.runAs("listed-a", () -> tickets.save(new Ticket("t1", "billing", "a")));
        Tenants.runAs("listed-a", () -> tickets.save(new Ticket("t2", "billing", "a")));

        HttpTestClient.Response anonymous = HttpTestClient.localhost(port).get("/lithair/admin/tenants");
        HttpTestClient.Response user = asAlice().get("/lithair/admin/tenants");
        HttpTestClient.Response admin = HttpTestClient.localhost(port).withBasicAuth("admin", "admin-pw")
                .get("/lithair/admin/tenants");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(user.status()).isEqualTo(403);
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode tenant : JSON.readTree(admin.body())) {
            if (tenant.get("tenant").asString().equals("listed-a")) {
                listed = tenant;
            }
        }
        assertThat(listed).as(admin.body()).isNotNull();
        assertThat(listed.get("open").asBoolean()).isTrue();
        assertThat(listed.get("entities").asLong()).isEqualTo(2);
        assertThat(listed.get("lastSequence").asLong()).isEqualTo(2);
    }
}
