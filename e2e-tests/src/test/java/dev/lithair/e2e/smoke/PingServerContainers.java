package dev.lithair.e2e.smoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.lithair.e2e.docker.BaseImage;
import dev.lithair.e2e.docker.NodeContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** {@link PingServer} in the base image, and the HTTP calls the smoke tests make to it. */
final class PingServerContainers {

    static final int PORT = 8080;
    private static final String CLASS_FILE = PingServer.class.getName().replace('.', '/') + ".class";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PingServerContainers() {
    }

    static NodeContainer pingServer(Network nodeNetwork, String alias) {
        return new NodeContainer(DockerImageName.parse(BaseImage.NAME), nodeNetwork, alias)
                .withCopyFileToContainer(MountableFile.forClasspathResource(CLASS_FILE), "/smoke/" + CLASS_FILE)
                .withCommand("java", "-cp", "/smoke", PingServer.class.getName(), String.valueOf(PORT))
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/ping").forStatusCode(200));
    }

    /** GET on loopback, at the container's current host port. */
    static HttpResponse<String> get(NodeContainer container, String pathAndQuery, Duration timeout) throws Exception {
        URI uri = URI.create("http://localhost:" + container.currentHostPort(PORT) + pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
