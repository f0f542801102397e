package dev.lithair.e2e.docker;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The rule behind {@link RequiresDocker}: skip without Docker locally, fail without it in CI, fail
 * always when Testcontainers is not configured for this machine.
 *
 * <p>The configuration check comes first because of how Testcontainers fails otherwise: on a machine that
 * has {@code /.dockerenv} and no registry, it spends minutes trying to pull an image to find a gateway,
 * then reports Docker as missing, and the tests are skipped while the build says success.
 */
final class DockerAvailability implements ExecutionCondition, BeforeAllCallback {

    /** Set by e2e-tests/pom.xml for Failsafe; an IDE run needs them too. */
    static final String[] REQUIRED_ENVIRONMENT = {
            "TESTCONTAINERS_HOST_OVERRIDE", "TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_CHECKS_DISABLE" };

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DockerAvailability.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> misconfiguration = misconfiguration();
        if (misconfiguration.isPresent()) {
            return ConditionEvaluationResult.enabled("fails in beforeAll: " + misconfiguration.get());
        }
        Optional<String> missing = missingDocker(context);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if (inCi()) {
            return ConditionEvaluationResult.enabled("CI=true: fails in beforeAll: " + missing.get());
        }
        return ConditionEvaluationResult.disabled("Skipped: " + missing.get()
                + " Start one with `bash .ci/start-docker.sh`; in CI (CI=true) this is a failure.");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        misconfiguration().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        missingDocker(context).ifPresent(problem -> {
            throw new IllegalStateException("CI=true and " + problem + " The end-to-end tests must run in CI.");
        });
        BaseImage.ensureBuilt();
    }

    private static Optional<String> misconfiguration() {
        for (String name : REQUIRED_ENVIRONMENT) {
            if (System.getenv(name) == null) {
                return Optional.of("Environment variable " + name + " is not set. Run the end-to-end tests"
                        + " through Maven (`./mvnw -pl e2e-tests -am verify`), or set TESTCONTAINERS_HOST_OVERRIDE"
                        + "=localhost, TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_CHECKS_DISABLE=true.");
            }
        }
        return Optional.empty();
    }

    /** Asks Testcontainers once per test run; the answer is kept in the root context. */
    private static Optional<String> missingDocker(ExtensionContext context) {
        Boolean available = context.getRoot().getStore(NAMESPACE).computeIfAbsent("docker-available",
                key -> DockerClientFactory.instance().isDockerAvailable(), Boolean.class);
        return available ? Optional.empty() : Optional.of("no Docker engine answers.");
    }

    private static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
