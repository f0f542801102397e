package dev.lithair.e2e.docker;

import java.nio.file.Path;

import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The samples' images, built locally from their packaged jars with {@code e2e-tests/docker/Dockerfile} on
 * the base image (nothing is pulled). The image keeps its name between runs so Docker reuses its layers;
 * only the jar's layer is rebuilt when the jar changed.
 */
public final class SampleImages {

    /**
     * For test containers ({@code JAVA_TOOL_OPTIONS}): the C1 compiler only, which starts a Spring Boot
     * application markedly faster on two shared cores; the tests check behaviour, not speed.
     */
    public static final String FAST_START_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    private SampleImages() {
    }

    public static ImageFromDockerfile productSample() {
        return fromJar("lithair-e2e/sample-product-app:latest", DockerFiles.productSampleJar());
    }

    private static ImageFromDockerfile fromJar(String name, Path jar) {
        return new ImageFromDockerfile(name, false)
                // As a file of the context rather than withDockerfile(), which would also send the
                // Dockerfile's whole directory and try to pre-pull the FROM image.
                .withFileFromPath("Dockerfile", DockerFiles.directory().resolve("Dockerfile"))
                .withFileFromPath("app.jar", jar)
                .withBuildArg("BASE_IMAGE", BaseImage.NAME)
                .withBuildArg("APP_JAR", "app.jar");
    }
}
