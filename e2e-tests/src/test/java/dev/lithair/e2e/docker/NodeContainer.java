package dev.lithair.e2e.docker;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * A container that is a node of a test cluster: host-facing ports on the default bridge, and a second
 * network ({@link NodeNetwork}) where the other nodes reach it by its alias. It joins that network after
 * being created and before starting, so its peers' names resolve from its first instant.
 *
 * <p>Images are never pulled (no registry is reachable): a missing image fails at once.
 */
public class NodeContainer extends GenericContainer<NodeContainer> {

    private final Network nodeNetwork;
    private final String alias;

    public NodeContainer(DockerImageName image, Network nodeNetwork, String alias) {
        super(image);
        this.nodeNetwork = nodeNetwork;
        this.alias = alias;
        withImagePullPolicy(name -> false);
    }

    public NodeContainer(ImageFromDockerfile image, Network nodeNetwork, String alias) {
        super(image);
        this.nodeNetwork = nodeNetwork;
        this.alias = alias;
        withImagePullPolicy(name -> false);
    }

    public String alias() {
        return alias;
    }

    public Network nodeNetwork() {
        return nodeNetwork;
    }

    @Override
    protected void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);
        ContainerFaults.connect(this, nodeNetwork, alias);
    }

    /** Cuts this node off the other nodes; the test still reaches it. */
    public void disconnectFromNodes() {
        ContainerFaults.disconnect(this, nodeNetwork);
    }

    public void reconnectToNodes() {
        ContainerFaults.connect(this, nodeNetwork, alias);
    }

    /** The host port for a container port, read from Docker now (it may change after a reconnect). */
    public int currentHostPort(int containerPort) {
        return ContainerFaults.currentHostPort(this, containerPort);
    }
}
