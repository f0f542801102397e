package dev.lithair.spring.core;

import java.io.UncheckedIOException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import dev.lithair.exception.CommitRejectedException;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.exception.VersionConflictException;

/**
 * Maps the Lithair engine's exceptions to Spring's {@link DataAccessException} family, for the
 * repositories and for {@code @Repository} beans (as a bean, it is picked up by Spring's
 * {@code PersistenceExceptionTranslationPostProcessor}). The engine's exception is kept as the cause;
 * the message, which names the entity, the field and the value, is kept too.
 *
 * <table>
 * <caption>Translations</caption>
 * <tr><th>engine</th><th>Spring</th></tr>
 * <tr><td>{@link UniqueViolationException} ({@code @Unique})</td><td>{@link DuplicateKeyException}</td></tr>
 * <tr><td>{@link ImmutableFieldException} ({@code @Immutable}, the id)</td><td>{@link DataIntegrityViolationException}</td></tr>
 * <tr><td>{@link VersionConflictException} (stale {@code @Version})</td><td>{@link OptimisticLockingFailureException}</td></tr>
 * <tr><td>{@link ValueLimitException} (a value the store could not read back)</td><td>{@link DataIntegrityViolationException}</td></tr>
 * <tr><td>any other {@link CommitRejectedException}</td><td>{@link DataIntegrityViolationException}</td></tr>
 * <tr><td>{@link StoreUnavailableException} (the store cannot write its disk now, has no leader, or is
 * closed: retrying later may succeed)</td><td>{@link TransientDataAccessResourceException}</td></tr>
 * <tr><td>an I/O failure</td><td>{@link DataAccessResourceFailureException}</td></tr>
 * </table>
 */
public class LithairExceptionTranslator implements PersistenceExceptionTranslator {

    /** A translator; it holds no state. */
    public LithairExceptionTranslator() {
    }

    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (ex instanceof DataAccessException) {
            return null;
        }
        if (ex instanceof UniqueViolationException) {
            return new DuplicateKeyException(ex.getMessage(), ex);
        }
        if (ex instanceof VersionConflictException) {
            return new OptimisticLockingFailureException(ex.getMessage(), ex);
        }
        if (ex instanceof ValueLimitException limit) {
            return new DataIntegrityViolationException(limit.getMessage(), limit);
        }
        if (ex instanceof ImmutableFieldException || ex instanceof CommitRejectedException) {
            return new DataIntegrityViolationException(ex.getMessage(), ex);
        }
        if (ex instanceof StoreUnavailableException) {
            return new TransientDataAccessResourceException(ex.getMessage(), ex);
        }
        if (ex instanceof UncheckedIOException) {
            return new DataAccessResourceFailureException(ex.getMessage(), ex);
        }
        if (ex instanceof IllegalArgumentException && isFromLithair(ex)) {
            return new InvalidDataAccessApiUsageException(ex.getMessage(), ex);
        }
        return null;
    }

    /** An argument the store refused (an unknown entity type, an id that does not match the entity). */
    private static boolean isFromLithair(RuntimeException ex) {
        StackTraceElement[] trace = ex.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("dev.lithair.")
                && !trace[0].getClassName().startsWith("dev.lithair.spring.");
    }
}
