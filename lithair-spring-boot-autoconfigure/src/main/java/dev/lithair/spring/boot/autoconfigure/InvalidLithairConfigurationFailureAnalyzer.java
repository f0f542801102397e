package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an {@link InvalidLithairConfigurationException} as Spring Boot's description and action. */
class InvalidLithairConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLithairConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLithairConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
