package dev.lithair.exception;

import java.nio.file.Path;

import dev.lithair.internal.log.HashChain;

/**
 * The log holds damage that cannot be a torn tail: a bad record followed by good ones, a gap in
 * sequences, a missing segment, a broken {@link HashChain} link, or a record whose checksum is intact
 * but which cannot be decoded or applied. Start-up stops rather than silently dropping data.
 */
public class LogCorruptedException extends RuntimeException {

    private final transient Path file;
    private final long offset;

    public LogCorruptedException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    /** Damage found while decoding or applying the record at {@code offset}, with what failed. */
    public LogCorruptedException(Path file, long offset, String reason, Throwable cause) {
        super(file.getFileName() + " at byte offset " + offset + ": " + reason, cause);
        this.file = file;
        this.offset = offset;
    }

    /** Damage found where the file is not known; opening the log adds the file and offset of the record. */
    public LogCorruptedException(String message) {
        super(message);
        this.file = null;
        this.offset = -1;
    }

    /** The segment file holding the damage, or {@code null} when not known. */
    public Path file() {
        return file;
    }

    /** Byte offset of the damaged record in {@link #file()}, or -1 when not known. */
    public long offset() {
        return offset;
    }
}
