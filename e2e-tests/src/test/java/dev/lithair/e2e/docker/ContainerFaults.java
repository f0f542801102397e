package dev.lithair.e2e.docker;

import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The faults the end-to-end tests inject, as Docker does them: a SIGKILL of the whole container (the JVM
 * gets no shutdown hook), a freeze (SIGSTOP-like: connections stay open, requests time out), and a cut of
 * the node-to-node network. Only containers the test created are touched.
 */
public final class ContainerFaults {

    private static final int PAUSE_ATTEMPTS = 20;

    private ContainerFaults() {
    }

    /** docker kill: SIGKILL, no clean shutdown; the container stays, stopped, until removed. */
    public static void kill(GenericContainer<?> container) {
        docker().killContainerCmd(container.getContainerId()).exec();
    }

    /**
     * docker pause (the cgroup freezer). Freezing can fail while a thread sits in an uninterruptible
     * system call (an fsync under load): runc then thaws the container and reports "unable to freeze",
     * and a new attempt a moment later succeeds. Bounded: the last failure is thrown.
     */
    public static void pause(GenericContainer<?> container) {
        for (int attempt = 1; ; attempt++) {
            try {
                docker().pauseContainerCmd(container.getContainerId()).exec();
                return;
            } catch (InternalServerErrorException e) {
                if (attempt == PAUSE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("unable to freeze")) {
                    throw e;
                }
                sleepBeforeRetry();
            }
        }
    }

    public static void unpause(GenericContainer<?> container) {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    /** Cuts the container off the node-to-node network; its host-facing ports stay on the default bridge. */
    public static void disconnect(GenericContainer<?> container, Network network) {
        docker().disconnectFromNetworkCmd()
                .withContainerId(container.getContainerId())
                .withNetworkId(network.getId())
                .withForce(true)
                .exec();
    }

    /** Heals a {@link #disconnect}: same network, same alias, so the other nodes find it by name again. */
    public static void connect(GenericContainer<?> container, Network network, String alias) {
        docker().connectToNetworkCmd()
                .withContainerId(container.getContainerId())
                .withNetworkId(network.getId())
                .withContainerNetwork(new ContainerNetwork().withAliases(alias))
                .exec();
    }

    public static boolean isRunning(GenericContainer<?> container) {
        Boolean running = inspect(container).getState().getRunning();
        return running != null && running;
    }

    public static Long exitCode(GenericContainer<?> container) {
        return inspect(container).getState().getExitCodeLong();
    }

    /**
     * The host port a container port is published on, read now. Testcontainers' own answer is cached at
     * start, and Docker may publish on another port after a network is disconnected and reconnected.
     */
    public static int currentHostPort(GenericContainer<?> container, int containerPort) {
        Map<ExposedPort, Ports.Binding[]> bindings = inspect(container).getNetworkSettings().getPorts().getBindings();
        Ports.Binding[] binding = bindings.get(ExposedPort.tcp(containerPort));
        if (binding == null || binding.length == 0) {
            throw new IllegalStateException("port " + containerPort + " of " + container.getContainerName()
                    + " is not published: " + bindings);
        }
        return Integer.parseInt(binding[0].getHostPortSpec());
    }

    private static void sleepBeforeRetry() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing a container", e);
        }
    }

    private static InspectContainerResponse inspect(GenericContainer<?> container) {
        return docker().inspectContainerCmd(container.getContainerId()).exec();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
