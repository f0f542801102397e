package dev.lithair.e2e.docker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a Docker engine and the local base image.
 *
 * <p>Where no engine answers, the class is skipped with the reason, except in CI ({@code CI=true}), where
 * it fails: a CI machine without Docker must not report the end-to-end suite as passed. The base image is
 * built (or found up to date) before the first test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DockerAvailability.class)
public @interface RequiresDocker {
}
