package dev.lithair.e2e.docker;

import java.util.UUID;

import org.testcontainers.containers.Network;

/**
 * The network the nodes of a test cluster talk to each other on, separate from the default bridge that
 * carries the host's traffic, so that cutting it partitions the cluster while the test still reaches
 * every node.
 *
 * <p>Its name starts with {@code zz-}: Docker 20.10 publishes a container's ports on the network whose name
 * sorts first, and the host-facing ports must stay on {@code bridge}.
 */
public final class NodeNetwork {

    private NodeNetwork() {
    }

    /** A new network, created on first use; close it (Ryuk is off) when the test ends. */
    public static Network create() {
        String name = "zz-lithair-" + UUID.randomUUID().toString().substring(0, 8);
        return Network.builder().createNetworkCmdModifier(command -> command.withName(name)).build();
    }
}
