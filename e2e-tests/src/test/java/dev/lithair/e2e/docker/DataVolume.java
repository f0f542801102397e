package dev.lithair.e2e.docker;

import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A named Docker volume that outlives the containers using it: an application's data directory that a
 * killed container leaves behind and a new container starts on. Labelled like Testcontainers' own
 * resources, so that {@code .ci/run} removes one an interrupted run left. Close it after its containers.
 */
public final class DataVolume implements AutoCloseable {

    private final String name;

    private DataVolume(String name) {
        this.name = name;
    }

    public static DataVolume create() {
        String name = "lithair-e2e-data-" + UUID.randomUUID().toString().substring(0, 8);
        DockerClientFactory.instance().client().createVolumeCmd()
                .withName(name)
                .withLabels(Map.of(DockerClientFactory.TESTCONTAINERS_LABEL, "true"))
                .exec();
        return new DataVolume(name);
    }

    public String name() {
        return name;
    }

    /** Mounts this volume at {@code path} in the container, when it is created. */
    public void mountInto(GenericContainer<?> container, String path) {
        container.withCreateContainerCmdModifier(command ->
                command.getHostConfig().withBinds(new Bind(name, new Volume(path))));
    }

    @Override
    public void close() {
        DockerClientFactory.instance().client().removeVolumeCmd(name).exec();
    }
}
