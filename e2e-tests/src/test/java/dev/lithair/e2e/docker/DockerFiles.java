package dev.lithair.e2e.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the end-to-end tests find their Docker files and the sample jars. */
public final class DockerFiles {

    private DockerFiles() {
    }

    /** e2e-tests/docker: set by the pom; from an IDE, the module directory is the working directory. */
    public static Path directory() {
        return existing(Paths.get(System.getProperty("lithair.e2e.docker-dir", "docker")), "lithair.e2e.docker-dir");
    }

    /** The product sample's executable jar, packaged by the reactor before this module's tests run. */
    public static Path productSampleJar() {
        return existing(Paths.get(System.getProperty("lithair.e2e.product-jar",
                "../sample-product-app/target/sample-product-app.jar")), "lithair.e2e.product-jar");
    }

    private static Path existing(Path path, String property) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException(absolute + " does not exist (system property " + property
                    + "); run through Maven: ./mvnw -pl e2e-tests -am verify");
        }
        return absolute;
    }
}
