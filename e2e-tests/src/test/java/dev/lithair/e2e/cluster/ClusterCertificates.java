package dev.lithair.e2e.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.TestDirectories;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/**
 * A certificate authority made for one test run, and the keys and certificates it issues to containers:
 * written as PEM into a temporary directory of the run, copied into each container under {@value #DIRECTORY}
 * before it starts, deleted when closed. No private key is ever committed or reused.
 */
final class ClusterCertificates implements AutoCloseable {

    /** Where a container finds its key, its certificate and the authority's certificate. */
    static final String DIRECTORY = "/certs";
    /** The Spring Boot SSL bundle the members name in {@code lithair.cluster.ssl.bundle}. */
    static final String BUNDLE = "raft";

    private final CertificateAuthority authority;
    private final Path files;

    private ClusterCertificates(CertificateAuthority authority, Path files) {
        this.authority = authority;
        this.files = files;
    }

    /** A new authority named {@code CN=<name>}. */
    static ClusterCertificates create(String name) {
        Path files = TestDirectories.create("lithair-e2e-certs");
        CertificateAuthority authority = CertificateAuthority.create(name);
        authority.writeCertificate(files.resolve("ca.pem"));
        return new ClusterCertificates(authority, files);
    }

    /**
     * Issues a key and certificate to {@code name} ({@code CN=<name>}) and copies them, with this authority's
     * certificate, into the container: {@code /certs/<name>.pem}, {@code /certs/<name>.key}, {@code /certs/ca.pem}.
     */
    void install(GenericContainer<?> container, String name) {
        Path certificate = files.resolve(name + ".pem");
        Path key = files.resolve(name + ".key");
        authority.issue(name).writePem(certificate, key);
        container.withCopyFileToContainer(MountableFile.forHostPath(files.resolve("ca.pem"), 0644), caPath())
                .withCopyFileToContainer(MountableFile.forHostPath(certificate, 0644), certificatePath(name))
                .withCopyFileToContainer(MountableFile.forHostPath(key, 0600), keyPath(name));
    }

    static String certificatePath(String name) {
        return DIRECTORY + "/" + name + ".pem";
    }

    static String keyPath(String name) {
        return DIRECTORY + "/" + name + ".key";
    }

    static String caPath() {
        return DIRECTORY + "/ca.pem";
    }

    /**
     * A member's SSL bundle as the environment variables of docs/cluster.md: its key and certificate, and
     * the authority's certificate as the only trust material.
     */
    static Map<String, String> memberEnvironment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LITHAIR_CLUSTER_SSL_BUNDLE", BUNDLE);
        environment.put("SPRING_SSL_BUNDLE_PEM_RAFT_KEYSTORE_CERTIFICATE", "file:" + certificatePath(name));
        environment.put("SPRING_SSL_BUNDLE_PEM_RAFT_KEYSTORE_PRIVATEKEY", "file:" + keyPath(name));
        environment.put("SPRING_SSL_BUNDLE_PEM_RAFT_TRUSTSTORE_CERTIFICATE", "file:" + caPath());
        return environment;
    }

    @Override
    public void close() {
        TestDirectories.deleteRecursively(files);
    }
}
