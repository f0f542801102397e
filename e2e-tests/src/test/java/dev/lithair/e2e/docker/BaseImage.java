package dev.lithair.e2e.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The locally built image the samples run in ({@value #NAME}), made by
 * {@code e2e-tests/docker/build-base-image.sh}. The script is idempotent (it returns at once when the image
 * is up to date), so a developer's {@code ./mvnw verify} needs no extra step.
 */
public final class BaseImage {

    public static final String NAME = "lithair-e2e/jre:17";

    private static boolean built;

    private BaseImage() {
    }

    static synchronized void ensureBuilt() {
        if (built) {
            return;
        }
        Path script = DockerFiles.directory().resolve("build-base-image.sh");
        try {
            Path output = Files.createTempFile("lithair-base-image", ".log");
            Process process = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within 10 minutes");
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit " + process.exitValue() + "):\n" + log);
            }
            System.out.print(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the base image", e);
        }
        built = true;
    }
}
