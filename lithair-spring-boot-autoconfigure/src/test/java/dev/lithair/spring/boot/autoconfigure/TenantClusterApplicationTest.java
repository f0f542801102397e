package dev.lithair.spring.boot.autoconfigure;

import static dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantCalls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.tenancy.TenantOperations;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One multi-tenant application started three times as the members of a cluster, by properties only: each
 * tenant's store commits through a Raft group of its own, a tenant first used on one member is served by
 * every member, and no tenant sees another's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantClusterApplicationTest {

    @TempDir
    static Path root;

    private final List<ConfigurableApplicationContext> members = new ArrayList<>();
    private final List<String> raftAddresses = new ArrayList<>();

    @BeforeAll
    void startThreeMembers() {
        members.addAll(ClusterMembers.start(TenantsApplication.class, root, raftAddresses,
                "lithair.tenancy.enabled=true", "lithair.tenancy.idle-timeout=5s"));
    }

    @AfterAll
    void stopMembers() {
        members.forEach(ConfigurableApplicationContext::close);
    }


    private TicketRepository tickets(int member) {
        return members.get(member).getBean(TicketRepository.class);
    }

    @Test
    void aTenantSavedOnOneMemberIsReadOnEveryMemberAndNoOtherTenantSeesIt() {
        // when
        as("acme", () -> tickets(0).save(new Ticket("t1", "billing", "open")));
        as("globex", () -> tickets(1).save(new Ticket("t1", "shipping", "open")));
        as("acme", () -> tickets(2).save(new Ticket("t2", "billing", "closed")));

        // then: read linearizably on every member, each tenant its own data only
        RaftCluster cluster = members.get(0).getBean(RaftCluster.class);
        Awaits.await().untilAsserted(() -> assertThat(cluster.tenantLeaders()).containsKeys("acme", "globex")
                .doesNotContainValue(null));
        HttpTestClient.Response status = HttpTestClient.localhost(port(2)).withBasicAuth("admin", "admin-pw")
                .send("GET", "/lithair/admin/tenants/acme/cluster", "application/json",
                        HttpRequest.BodyPublishers.noBody());
        assertThat(status.status()).isEqualTo(200);
        JsonNode group = JsonMapper.builder().build().readTree(status.body());
        assertThat(group.get("role").asString()).isIn("LEADER", "FOLLOWER");
        assertThat(group.get("leader").asString()).isIn(raftAddresses);
        assertThat(group.get("members")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            int member = i;
            TenantOperations operations = members.get(member).getBean(TenantOperations.class);
            assertThat(as("acme", () -> operations.read(ReadConsistency.LINEARIZABLE,
                    () -> tickets(member).findByCategory("billing")))).extracting(Ticket::id)
                    .containsExactlyInAnyOrder("t1", "t2");
            assertThat(as("acme", () -> tickets(member).findByCategory("shipping"))).isEmpty();
            assertThat(as("globex", () -> operations.read(ReadConsistency.LINEARIZABLE,
                    () -> tickets(member).findById("t1")))).contains(new Ticket("t1", "shipping", "open"));
            assertThat(root.resolve("member-" + member).resolve("tenants/acme/raft/log")).isDirectory();
        }
    }

    @Test
    void anIdleTenantSleepsOnEveryMemberAndWakesWithItsDataOnItsNextSave() {
        // given
        as("umbrella", () -> tickets(0).save(new Ticket("t1", "billing", "open")));

        // when idle for lithair.tenancy.idle-timeout
        Awaits.await().untilAsserted(() -> {
            for (ConfigurableApplicationContext member : members) {
                assertThat(member.getBean(TenantStores.class).list()).filteredOn(status -> status.tenant().equals("umbrella"))
                        .singleElement().satisfies(status -> assertThat(status.open()).isFalse());
            }
        });

        // then
        as("umbrella", () -> tickets(2).save(new Ticket("t2", "billing", "open")));
        TenantOperations operations = members.get(1).getBean(TenantOperations.class);
        assertThat(as("umbrella", () -> operations.read(ReadConsistency.LINEARIZABLE,
                () -> tickets(1).findByCategory("billing")))).extracting(Ticket::id).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void anInvalidTenantIsRefusedWithoutAFolderAndDeletingATenantIsRefusedInACluster() throws Exception {
        // given
        as("initech", () -> tickets(1).save(new Ticket("t1", "billing", "open")));
        List<String> before = folders();

        // when / then
        assertThatThrownBy(() -> as("../escape", () -> tickets(0).findAll()))
                .isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThatThrownBy(() -> members.get(0).getBean(TenantStores.class).delete("initech"))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("cluster");
        HttpTestClient.Response refused = HttpTestClient.localhost(port(1)).withBasicAuth("admin", "admin-pw")
                .send("DELETE", "/lithair/admin/tenants/initech?confirm=initech", "application/json",
                        HttpRequest.BodyPublishers.noBody());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("deleting a tenant in a cluster is not supported yet");
        assertThat(folders()).isEqualTo(before);
        Awaits.await().untilAsserted(() -> assertThat(as("initech", () -> tickets(2).findById("t1"))).isPresent());
    }

    private int port(int member) {
        return ((WebServerApplicationContext) members.get(member)).getWebServer().getPort();
    }

    private static List<String> folders() throws Exception {
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isDirectory).map(path -> root.relativize(path).toString())
                    .filter(path -> !path.contains("raft")).sorted().toList();
        }
    }
}
