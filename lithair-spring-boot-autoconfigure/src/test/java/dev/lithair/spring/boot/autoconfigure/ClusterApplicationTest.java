package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.lithair.replication.Cluster;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.ClusterApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.Member;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.MemberRepository;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.HttpTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application started three times, as the members of a cluster, by {@code lithair.cluster.*}
 * properties only: repositories write on any member, every member reads the same data, violations are
 * the same Spring exceptions on a follower as on the leader, and the admin route, health and metrics
 * show the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    private final List<ConfigurableApplicationContext> members = new ArrayList<>();
    private final List<String> raftAddresses = new ArrayList<>();

    @BeforeAll
    void startThreeMembers() {
        members.addAll(ClusterMembers.start(ClusterApplication.class, root, raftAddresses,
                "management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always"));
        members.get(0).getBean(Cluster.class).status();
        awaitLeader();
    }

    @AfterAll
    void stopMembers() {
        members.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSaveOnAFollowerIsReadOnEveryMemberAndAViolationThereIsTheSameSpringException() {
        // given
        int follower = follower();
        MemberRepository onFollower = members.get(follower).getBean(MemberRepository.class);

        // when
        onFollower.save(new Member("m1", "m1@club", "Paris", 10, null));
        Member saved = onFollower.findById("m1").orElseThrow();
        onFollower.save(saved.withPoints(20));

        // then: read linearizably on every member, through the per-call override
        for (ConfigurableApplicationContext member : members) {
            LithairTemplate template = member.getBean(LithairTemplate.class);
            MemberRepository repository = member.getBean(MemberRepository.class);
            assertThat(template.read(ReadConsistency.LINEARIZABLE, () -> repository.findById("m1")))
                    .contains(new Member("m1", "m1@club", "Paris", 20, 1L));
            assertThat(template.read(ReadConsistency.LINEARIZABLE, () -> repository.findByCity("Paris")))
                    .extracting(Member::id).containsExactly("m1");
            assertThat(repository.history("m1", "points")).extracting(change -> change.newValue())
                    .containsExactly(10, 20);
        }
        onFollower.save(new Member("m2", "m2@club", "Lyon", 5, null));
        assertThatThrownBy(() -> onFollower.save(onFollower.findById("m2").orElseThrow().withEmail("m1@club")))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("m1@club");
        assertThatThrownBy(() -> onFollower.save(saved.withPoints(99)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        MemberRepository onLeader = members.get(leader()).getBean(MemberRepository.class);
        assertThatThrownBy(() -> onLeader.save(onLeader.findById("m2").orElseThrow().withEmail("m1@club")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(onLeader.findById("m2").orElseThrow().email()).isEqualTo("m2@club");
    }

    @Test
    void theAdminRouteHealthAndMetricsShowTheCluster() throws Exception {
        // given
        int leader = leader();
        int follower = follower();
        members.get(follower).getBean(MemberRepository.class).save(new Member("m9", "m9@club", "Nice", 1, null));

        // when
        JsonNode onLeader = JSON.readTree(admin(leader, "GET", "/lithair/admin/cluster", null).body());
        JsonNode onFollower = JSON.readTree(admin(follower, "GET", "/lithair/admin/cluster", null).body());
        JsonNode health = JSON.readTree(send(http(leader), "GET", "/actuator/health", null).body());

        // then
        assertThat(onLeader.get("mode").asString()).isEqualTo("raft");
        assertThat(onLeader.get("role").asString()).isEqualTo("LEADER");
        assertThat(onLeader.get("members")).hasSize(3);
        assertThat(onLeader.get("followerLag").properties()).hasSize(2);
        assertThat(onLeader.get("term").asLong()).isPositive();
        assertThat(onLeader.get("commitIndex").asLong()).isPositive();
        assertThat(onFollower.get("role").asString()).isEqualTo("FOLLOWER");
        assertThat(onFollower.get("leader").asString()).isEqualTo(raftAddresses.get(leader));
        JsonNode lithair = health.get("components").get("lithair");
        assertThat(lithair.get("status").asString()).isEqualTo("UP");
        assertThat(lithair.get("details").get("role").asString()).isEqualTo("LEADER");
        assertThat(members.get(leader).getBean(MeterRegistry.class).get("lithair.cluster.replication.latency").timer()
                .count()).isPositive();
        assertThat(send(http(leader), "GET", "/lithair/admin/cluster", null).status()).isEqualTo(401);
        assertThat(admin(leader, "POST", "/lithair/admin/cluster/leader", "{\"peer\":\"not a peer\"}").status())
                .isEqualTo(400);
    }

    @Test
    void aFollowerBacksUpItsNewestRaftSnapshotThroughTheAdminRoute() throws Exception {
        int follower = follower();
        members.get(leader()).getBean(MemberRepository.class).save(new Member("b1", "b1@club", "Nice", 3, null));
        long sequence = members.get(leader()).getBean(dev.lithair.store.LithairStore.class).lastSequence();
        Awaits.await().until(() -> members.get(follower).getBean(dev.lithair.store.LithairStore.class)
                .lastSequence() >= sequence);

        HttpTestClient.Response response = admin(follower, "POST", "/lithair/admin/backups", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode backup = JSON.readTree(response.body());
        assertThat(backup.get("sequence").asLong()).isGreaterThanOrEqualTo(sequence);
        Path folder = root.resolve("member-" + follower + "-backups").resolve(backup.get("name").asString());
        assertThat(folder.resolve("backup.json")).isRegularFile();
        assertThat(JSON.readTree(admin(follower, "GET", "/lithair/admin/backups", null).body())
                .findValuesAsString("name")).contains(backup.get("name").asString());
    }

    @Test
    void leadershipIsHandedOverThroughTheAdminRoute() throws Exception {
        // given
        int leader = leader();
        int follower = follower();

        // when
        HttpTestClient.Response response = admin(leader, "POST", "/lithair/admin/cluster/leader",
                "{\"peer\":\"" + raftAddresses.get(follower) + "\"}");

        // then
        assertThat(response.status()).isEqualTo(200);
        Awaits.await().untilAsserted(
                () -> assertThat(members.get(follower).getBean(Cluster.class).status().isLeader()).isTrue());
        members.get(leader).getBean(MemberRepository.class).save(new Member("m5", "m5@club", "Nice", 1, null));
        assertThat(members.get(follower).getBean(MemberRepository.class).findById("m5")).isPresent();
    }

    private HttpTestClient.Response admin(int member, String method, String path, String body) {
        return send(http(member).withBasicAuth("admin", "admin-pw"), method, path, body);
    }

    private static HttpTestClient.Response send(HttpTestClient http, String method, String path, String body) {
        return http.send(method, path, "application/json",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpTestClient http(int member) {
        return HttpTestClient.localhost(((WebServerApplicationContext) members.get(member)).getWebServer().getPort());
    }

    private void awaitLeader() {
        members.get(0).getBean(Cluster.class);
        leader();
    }

    private int leader() {
        return ClusterMembers.leader(members);
    }

    private int follower() {
        return ClusterMembers.follower(members);
    }
}
