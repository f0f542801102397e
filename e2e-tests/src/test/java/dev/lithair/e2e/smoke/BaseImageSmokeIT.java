package dev.lithair.e2e.smoke;

import static dev.lithair.e2e.smoke.PingServerContainers.get;
import static dev.lithair.e2e.smoke.PingServerContainers.pingServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.lithair.e2e.docker.ContainerFaults;
import dev.lithair.e2e.docker.NodeContainer;
import dev.lithair.e2e.docker.NodeNetwork;
import dev.lithair.e2e.docker.RequiresDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;

/**
 * Proves the end-to-end machinery without any sample: the locally built base image runs a JVM that the
 * host reaches on loopback, and each fault the cluster tests inject does what they rely on.
 */
@RequiresDocker
class BaseImageSmokeIT {

    private static final Duration SHORT = Duration.ofSeconds(2);

    private Network nodeNetwork;

    @BeforeEach
    void createNodeNetwork() {
        nodeNetwork = NodeNetwork.create();
    }

    @AfterEach
    void removeNodeNetwork() {
        nodeNetwork.close();
    }

    @Test
    void theBaseImageRunsJava17AndTheHostReachesItOnLoopback() throws Exception {
        try (NodeContainer node = pingServer(nodeNetwork, "node1")) {
            node.start();

            HttpResponse<String> response = get(node, "/ping", SHORT);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("host=" + node.getContainerId().substring(0, 12))
                    .contains("java.version=17.")
                    .contains("java.home=/opt/java/openjdk");
        }
    }

    @Test
    void aKilledContainerStopsAtOnceWithoutACleanShutdown() {
        try (NodeContainer node = pingServer(nodeNetwork, "node1")) {
            node.start();

            ContainerFaults.kill(node);

            assertThat(ContainerFaults.isRunning(node)).isFalse();
            assertThat(ContainerFaults.exitCode(node)).isEqualTo(137L);
        }
    }

    @Test
    void aPausedContainerDoesNotAnswerUntilUnpaused() throws Exception {
        try (NodeContainer node = pingServer(nodeNetwork, "node1")) {
            node.start();

            ContainerFaults.pause(node);
            assertThatThrownBy(() -> get(node, "/ping", Duration.ofSeconds(1)))
                    .isInstanceOf(HttpTimeoutException.class);

            ContainerFaults.unpause(node);
            assertThat(get(node, "/ping", SHORT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aNodeCutOffTheNodeNetworkIsUnreachableForItsPeersButNotForTheHostUntilReconnected() throws Exception {
        try (NodeContainer first = pingServer(nodeNetwork, "node1");
             NodeContainer second = pingServer(nodeNetwork, "node2")) {
            first.start();
            second.start();
            String secondHost = "host=" + second.getContainerId().substring(0, 12);
            assertThat(get(first, "/peer?host=node2", SHORT).body()).contains(secondHost);

            second.disconnectFromNodes();

            HttpResponse<String> cut = get(first, "/peer?host=node2", Duration.ofSeconds(5));
            assertThat(cut.statusCode()).isEqualTo(502);
            assertThat(get(second, "/ping", SHORT).statusCode()).isEqualTo(200);

            second.reconnectToNodes();

            assertThat(get(first, "/peer?host=node2", SHORT).body()).contains(secondHost);
            assertThat(get(second, "/ping", SHORT).body()).contains(secondHost);
        }
    }
}
