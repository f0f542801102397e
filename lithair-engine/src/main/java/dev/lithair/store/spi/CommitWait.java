package dev.lithair.store.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.lithair.exception.StoreUnavailableException;

/**
 * Waits for a commit path's future the way a blocking caller expects: the commit's own rejection is
 * thrown as it is (a typed {@code CommitRejectedException}, for example), anything else that keeps the
 * answer from coming (interruption, a failure that is not a runtime exception, no answer in time) as
 * {@link StoreUnavailableException}.
 */
public final class CommitWait {

    private CommitWait() {
    }

    /**
     * Waits for {@code future}, turning a timeout or an interruption into the store's exceptions.
     *
     * @param waitingFor what is waited for, for the messages ("the store", "the cluster")
     * @param onTimeout  what a timeout means for the caller, appended to its message
     * @param future  what is waited for
     * @param timeout the longest wait
     * @param <T>     the result type
     * @return the result
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout, String waitingFor, String onTimeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for " + waitingFor, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException completion ? completion.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreUnavailableException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException(waitingFor + " did not answer within " + timeout.toMillis() + " ms"
                    + onTimeout, e);
        }
    }
}
