package dev.lithair.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What Spring Boot prints when an application fails to start: the first failure analysis that applies. */
final class StartupFailures {

    private StartupFailures() {
    }

    /** The description and action Boot would print for {@code failure}. */
    static String report(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, cause) -> { }));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription() + "\nAction: " + analysis.getAction();
            }
        }
        throw new AssertionError("no failure analysis for " + failure, failure);
    }
}
