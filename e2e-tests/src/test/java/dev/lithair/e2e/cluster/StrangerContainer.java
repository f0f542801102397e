package dev.lithair.e2e.cluster;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.lithair.e2e.docker.NodeContainer;
import dev.lithair.e2e.docker.SampleImages;
import dev.lithair.e2e.stranger.RaftPortStranger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RaftPortStranger} in a container of its own on the cluster's node network, under the alias
 * {@value #ALIAS}: the nodes' image (the product sample's), its jar as the class path, the stranger's classes
 * copied in. It runs once; {@link #run()} waits for it to finish and returns what each attempt got.
 */
final class StrangerContainer extends NodeContainer {

    static final String ALIAS = "stranger";
    static final String SELF = ALIAS + ":" + ProductCluster.RAFT_PORT;

    private static final Logger log = LoggerFactory.getLogger(StrangerContainer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLASSES = "/stranger/classes";
    private static final String PACKAGE = RaftPortStranger.class.getPackageName().replace('.', '/');

    private StrangerContainer(ProductCluster cluster, List<String> arguments) {
        super(cluster.image(), cluster.network(), ALIAS);
        withCopyFileToContainer(MountableFile.forHostPath(strangerClasses()), CLASSES + "/" + PACKAGE);
        withEnv("JAVA_TOOL_OPTIONS", SampleImages.FAST_START_JVM_OPTIONS);
        // The sample's jar as a library: Spring Boot's launcher runs another main class with its nested jars.
        withCreateContainerCmdModifier(command -> command.withEntrypoint("java", "-Dsofa.middleware.log.disable=true",
                "-Dloader.path=" + CLASSES, "-Dloader.main=" + RaftPortStranger.class.getName(),
                "-cp", "/app/app.jar", "org.springframework.boot.loader.launch.PropertiesLauncher"));
        withCommand(arguments.toArray(String[]::new));
        withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)));
    }

    /** Attempts everything with plain TCP. */
    static StrangerContainer plainTcp(ProductCluster cluster, String forgedId) {
        return new StrangerContainer(cluster, arguments(cluster, "plain", "attack", forgedId));
    }

    /** Attempts everything with TLS, showing no certificate. */
    static StrangerContainer tlsWithoutCertificate(ProductCluster cluster, String forgedId) {
        return new StrangerContainer(cluster, arguments(cluster, "tls", "attack", forgedId));
    }

    /** Attempts everything with TLS and a certificate that {@code authority} issued to it. */
    static StrangerContainer tlsWithCertificate(ProductCluster cluster, ClusterCertificates authority,
            String forgedId) {
        return withCertificate(cluster, authority, "attack", forgedId);
    }

    /**
     * Only what changes no membership, with a certificate of {@code authority}: lists the peers and forwards
     * the write. With the cluster's own authority, this is the control that shows the attempts are real.
     */
    static StrangerContainer control(ProductCluster cluster, ClusterCertificates authority, String forgedId) {
        return withCertificate(cluster, authority, "control", forgedId);
    }

    private static StrangerContainer withCertificate(ProductCluster cluster, ClusterCertificates authority,
            String plan, String forgedId) {
        List<String> arguments = arguments(cluster, "tls-certificate", plan, forgedId);
        arguments.add(ClusterCertificates.certificatePath(ALIAS));
        arguments.add(ClusterCertificates.keyPath(ALIAS));
        StrangerContainer stranger = new StrangerContainer(cluster, arguments);
        authority.install(stranger, ALIAS);
        return stranger;
    }

    private static List<String> arguments(ProductCluster cluster, String connection, String plan, String forgedId) {
        return new ArrayList<>(List.of(connection, plan, SELF, String.join(",", cluster.members()), forgedId));
    }

    /** Runs the stranger to its end and returns its attempts; the container is removed. */
    List<Attempt> run() {
        try {
            try {
                start();
            } catch (ContainerLaunchException e) {
                throw new AssertionError("the stranger failed:\n" + getLogs(), e);
            }
            String output = getLogs(OutputFrame.OutputType.STDOUT);
            log.info("stranger's output:\n{}", output);
            List<Attempt> attempts = new ArrayList<>();
            boolean done = false;
            for (String line : output.split("\n")) {
                if (line.startsWith("{\"kind\":\"done\"")) {
                    done = true;
                } else if (line.startsWith("{\"kind\":")) {
                    attempts.add(JSON.readValue(line, Attempt.class));
                }
            }
            if (!done) {
                throw new AssertionError("the stranger did not finish:\n" + output + "\n"
                        + getLogs(OutputFrame.OutputType.STDERR));
            }
            return attempts;
        } finally {
            stop();
        }
    }

    /** The compiled classes of the stranger's package, from this test's class path. */
    private static Path strangerClasses() {
        try {
            Path root = Path.of(RaftPortStranger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(PACKAGE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One attempt of the stranger.
     *
     * @param kind     {@code tcp} (a bare connection), {@code cli}, {@code membership-request}, {@code raft-request}
     *                 or {@code forwarded-write}
     * @param attempt  what it tried
     * @param target   the member (or members) it tried it on
     * @param answered whether anything came back
     * @param answer   what came back, or {@code null}
     * @param error    the error that stood for an answer, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attempt(String kind, String attempt, String target, boolean answered, String answer, String error) {

        boolean isConnection() {
            return "tcp".equals(kind);
        }
    }
}
