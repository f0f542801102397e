package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.lithair.exception.DataDirectoryInUseException;

/**
 * Prints a start refused because another store holds {@code lithair.data-dir} (a second instance of
 * the application, or another process) as Spring Boot's description and action, naming the directory
 * and the holder.
 */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis("The Lithair data directory " + cause.directory() + " (lithair.data-dir) is in use by "
                + cause.holder() + ". Only one store may open a data directory at a time: two would overwrite each "
                + "other's log.", "Stop the instance that holds it, or give this one its own lithair.data-dir.", cause);
    }
}
