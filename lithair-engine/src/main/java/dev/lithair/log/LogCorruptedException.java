package dev.lithair.log;

import java.nio.file.Path;

/**
 * The log holds damage that cannot be a torn tail: a bad record followed by good ones, a gap in
 * sequences, or a missing segment. Start-up stops rather than silently dropping data.
 */
public class LogCorruptedException extends RuntimeException {

    public LogCorruptedException(Path file, long offset, String reason) {
        super(file.getFileName() + " at byte offset " + offset + ": " + reason);
    }

    public LogCorruptedException(String message) {
        super(message);
    }
}
