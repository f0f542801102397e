package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path root;

    private final List<ConfigurableApplicationContext> members = new ArrayList<>();
    private final List<String> raftAddresses = new ArrayList<>();

    @BeforeAll
    void startThreeMembers() {
        List<Integer> raftPorts = freePorts(3);
        raftPorts.forEach(port -> raftAddresses.add("127.0.0.1:" + port));
        for (int i = 0; i < 3; i++) {
            members.add(new SpringApplicationBuilder(ClusterApplication.class).properties(
                    "server.port=0",
                    "spring.main.banner-mode=off",
                    "management.endpoints.web.exposure.include=health",
                    "management.endpoint.health.show-details=always",
                    "lithair.data-dir=" + root.resolve("member-" + i),
                    "lithair.cluster.enabled=true",
                    "lithair.cluster.node-id=member-" + i,
                    "lithair.cluster.raft-port=" + raftPorts.get(i),
                    "lithair.cluster.peers=" + String.join(",", raftAddresses)).run());
        }
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
        JsonNode health = JSON.readTree(send(leader, "GET", "/actuator/health", null, null).body());

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
        assertThat(send(leader, "GET", "/lithair/admin/cluster", null, null).statusCode()).isEqualTo(401);
        assertThat(admin(leader, "POST", "/lithair/admin/cluster/leader", "{\"peer\":\"not a peer\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void leadershipIsHandedOverThroughTheAdminRoute() throws Exception {
        // given
        int leader = leader();
        int follower = follower();

        // when
        HttpResponse<String> response = admin(leader, "POST", "/lithair/admin/cluster/leader",
                "{\"peer\":\"" + raftAddresses.get(follower) + "\"}");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!members.get(follower).getBean(Cluster.class).status().isLeader() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(members.get(follower).getBean(Cluster.class).status().isLeader()).isTrue();
        members.get(leader).getBean(MemberRepository.class).save(new Member("m5", "m5@club", "Nice", 1, null));
        assertThat(members.get(follower).getBean(MemberRepository.class).findById("m5")).isPresent();
    }

    private HttpResponse<String> admin(int member, String method, String path, String body) {
        return send(member, method, path, body, "admin:admin-pw");
    }

    private HttpResponse<String> send(int member, String method, String path, String body, String credentials) {
        int port = ((WebServerApplicationContext) members.get(member)).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitLeader() {
        members.get(0).getBean(Cluster.class);
        leader();
    }

    private int leader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).getBean(Cluster.class).status().isLeader()) {
                    return i;
                }
            }
            sleep();
        }
        throw new AssertionError("no leader");
    }

    private int follower() {
        int leader = leader();
        return leader == 0 ? 1 : 0;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * {@code count} distinct free ports: each socket stays open while the next ones are taken, since a
     * port closed before the next is asked for may be handed out again.
     */
    private static List<Integer> freePorts(int count) {
        try (ServerSocket socket = new ServerSocket(0)) {
            List<Integer> ports = new ArrayList<>(count > 1 ? freePorts(count - 1) : List.of());
            ports.add(socket.getLocalPort());
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
