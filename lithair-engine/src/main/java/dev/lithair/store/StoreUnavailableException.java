package dev.lithair.store;

/** The store is closed, or halted after a storage failure, and accepts no more commits. */
public class StoreUnavailableException extends IllegalStateException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
