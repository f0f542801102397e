package dev.lithair.exception;

/**
 * A replicated log entry cannot be read as a commit: empty, truncated, in an unknown format, or with a
 * missing or malformed part. Every member rejects such an entry alike, changes nothing for it and goes
 * on with the next one; the leader refuses it before proposing when a follower forwards it.
 */
public class MalformedEntryException extends IllegalArgumentException {

    /**
     * Rejects an entry that cannot be read.
     *
     * @param message what is missing or malformed
     */
    public MalformedEntryException(String message) {
        super(message);
    }

    /**
     * Rejects an entry that cannot be read, with the failure found while reading it.
     *
     * @param message what is missing or malformed
     * @param cause   the failure found while reading it
     */
    public MalformedEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
