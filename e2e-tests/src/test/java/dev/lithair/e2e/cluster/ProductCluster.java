package dev.lithair.e2e.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.lithair.e2e.docker.ContainerFaults;
import dev.lithair.e2e.docker.NodeContainer;
import dev.lithair.e2e.docker.NodeNetwork;
import dev.lithair.e2e.docker.SampleImages;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.lifecycle.Startables;

/**
 * A cluster of the product sample, one container per node, configured only through the documented
 * {@code lithair.cluster.*} properties and a Spring Boot SSL bundle ({@code lithair.cluster.ssl.bundle},
 * {@code spring.ssl.bundle.pem.*}): every Raft connection is mutual TLS with certificates of an authority
 * made for this cluster ({@link ClusterCertificates}). Nodes talk Raft on their own network
 * ({@link NodeNetwork}), where each listens on its own address only; the test reaches each one on loopback
 * at its published HTTP port, which this class re-reads after every fault that can change it. Close it to
 * remove the containers, the network and the certificates (Ryuk is off).
 */
final class ProductCluster implements AutoCloseable {

    static final int HTTP_PORT = 8080;
    static final int RAFT_PORT = 9000;
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "e2e-admin-password";

    private static final Logger log = LoggerFactory.getLogger(ProductCluster.class);
    private static final Duration BOUND = Duration.ofMinutes(2);

    private final ImageFromDockerfile image;
    private final Network network = NodeNetwork.create();
    private final ClusterCertificates certificates = ClusterCertificates.create("lithair-e2e-cluster");
    private final List<String> members;
    private final List<NodeContainer> nodes = new ArrayList<>();
    private final Map<String, Integer> hostPorts = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ProductCluster(ImageFromDockerfile image, int size) {
        this.image = image;
        List<String> aliases = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            aliases.add("node" + i);
        }
        members = aliases.stream().map(alias -> alias + ":" + RAFT_PORT).toList();
        for (String alias : aliases) {
            NodeContainer node = new NodeContainer(image, network, alias)
                    .withEnv("LITHAIR_CLUSTER_ENABLED", "true")
                    .withEnv("LITHAIR_CLUSTER_NODE_ID", alias)
                    // Also the address the Raft port listens on: the node's address on the node network.
                    .withEnv("LITHAIR_CLUSTER_HOST", alias)
                    .withEnv("LITHAIR_CLUSTER_RAFT_PORT", String.valueOf(RAFT_PORT))
                    .withEnv("LITHAIR_CLUSTER_PEERS", String.join(",", members))
                    .withEnv("LITHAIR_CLUSTER_READ_CONSISTENCY", "linearizable")
                    .withEnv("LITHAIR_CLUSTER_ELECTION_TIMEOUT", "1s")
                    .withEnv(ClusterCertificates.memberEnvironment(alias))
                    .withEnv("SAMPLE_ADMIN_PASSWORD", ADMIN_PASSWORD)
                    .withEnv("JAVA_TOOL_OPTIONS", SampleImages.FAST_START_JVM_OPTIONS)
                    .withExposedPorts(HTTP_PORT)
                    .withLogConsumer(new Slf4jLogConsumer(log).withPrefix(alias))
                    .waitingFor(Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(BOUND));
            certificates.install(node, alias);
            nodes.add(node);
        }
    }

    /** Starts every node at once: a node's start-up waits for a leader, which needs a majority. */
    void start() {
        Startables.deepStart(nodes).join();
        nodes.forEach(this::refreshHostPort);
    }

    List<NodeContainer> nodes() {
        return List.copyOf(nodes);
    }

    /** The members' {@code host:raftPort} on the node network, in node order. */
    List<String> members() {
        return members;
    }

    /** The image the nodes run. */
    ImageFromDockerfile image() {
        return image;
    }

    /** The network the nodes talk Raft on: a container joining it reaches their Raft ports. */
    Network network() {
        return network;
    }

    /** The cluster's own authority: a certificate it issues makes its holder a member. */
    ClusterCertificates certificates() {
        return certificates;
    }

    /** The loopback port the node's HTTP API is published on, as last read from Docker. */
    int hostPort(NodeContainer node) {
        return hostPorts.get(node.alias());
    }

    private void refreshHostPort(NodeContainer node) {
        hostPorts.put(node.alias(), node.currentHostPort(HTTP_PORT));
    }

    LithairAdminApi admin(NodeContainer node) {
        return new LithairAdminApi(() -> hostPort(node), ADMIN, ADMIN_PASSWORD);
    }

    /** docker kill: the node's JVM dies at once, its data stays in the container. */
    void kill(NodeContainer node) {
        ContainerFaults.kill(node);
    }

    /** Starts a killed node again, on the data it had; Docker publishes its port anew. */
    void restart(NodeContainer node) {
        DockerClientFactory.instance().client().startContainerCmd(node.getContainerId()).exec();
        refreshHostPort(node);
        awaitTrue("node " + node.alias() + " healthy after restart", () -> healthy(node));
    }

    void pause(NodeContainer node) {
        ContainerFaults.pause(node);
    }

    void unpause(NodeContainer node) {
        ContainerFaults.unpause(node);
    }

    /** Cuts the node off the other nodes; the test still reaches it on loopback. */
    void partition(NodeContainer node) {
        node.disconnectFromNodes();
        refreshHostPort(node);
    }

    void heal(NodeContainer node) {
        node.reconnectToNodes();
        refreshHostPort(node);
    }

    /**
     * Waits until one of {@code candidates} leads with the support of another candidate (a deposed leader
     * on the minority side may still believe it leads for a moment).
     */
    NodeContainer awaitLeaderAmong(List<NodeContainer> candidates) {
        NodeContainer[] found = new NodeContainer[1];
        awaitTrue("a leader among " + aliases(candidates), () -> {
            Map<String, ClusterReport> reports = reports(candidates);
            for (NodeContainer candidate : candidates) {
                ClusterReport report = reports.get(candidate.alias());
                String self = candidate.alias() + ":" + RAFT_PORT;
                boolean followed = reports.values().stream()
                        .anyMatch(other -> other != report && self.equals(other.leader()));
                if (report != null && report.isLeader() && followed) {
                    found[0] = candidate;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits until every node follows the same leader and has applied the same last sequence. */
    void awaitConverged() {
        awaitTrue("all nodes converged", () -> {
            Map<String, ClusterReport> reports = reports(nodes);
            if (reports.size() < nodes.size()) {
                return false;
            }
            long leaders = reports.values().stream().map(ClusterReport::leader).distinct().count();
            long sequences = reports.values().stream().map(ClusterReport::lastSequence).distinct().count();
            log.info("cluster: {}", reports);
            return leaders == 1 && reports.values().iterator().next().leader() != null && sequences == 1;
        });
    }

    /** Each node's report, by alias; a node that does not answer is missing. */
    Map<String, ClusterReport> reports() {
        return reports(nodes);
    }

    private Map<String, ClusterReport> reports(List<NodeContainer> of) {
        Map<String, ClusterReport> reports = new ConcurrentHashMap<>();
        for (NodeContainer node : of) {
            reportOf(node).ifPresent(report -> reports.put(node.alias(), report));
        }
        return reports;
    }

    private Optional<ClusterReport> reportOf(NodeContainer node) {
        try {
            return Optional.of(admin(node).cluster());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private boolean healthy(NodeContainer node) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + hostPort(node) + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls a condition, bounded: a cluster that never gets there fails the test instead of hanging it. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }

    private static String aliases(List<NodeContainer> of) {
        return of.stream().map(NodeContainer::alias).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        nodes.forEach(NodeContainer::stop);
        network.close();
        certificates.close();
    }
}
