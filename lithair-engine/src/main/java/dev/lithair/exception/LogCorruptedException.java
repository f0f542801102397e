package dev.lithair.exception;

import java.nio.file.Path;

import dev.lithair.internal.log.HashChain;

/**
 * The log holds damage that cannot be a torn tail: a bad record followed by good ones, a gap in
 * sequences, a missing segment, a broken {@link HashChain} link, or a record whose checksum is intact
 * but which cannot be decoded or applied. Start-up stops rather than silently dropping data.
 */
public class LogCorruptedException extends RuntimeException {

    /** The segment file holding the damage; not serialised, as {@link Path} is not serialisable. */
    private final transient Path file;
    /** Byte offset of the damaged record in the file, or -1. */
    private final long offset;

    /**
     * Damage found in the record at {@code offset} of a segment file.
     *
     * @param file   the segment file
     * @param offset the damaged record's byte offset in it
     * @param reason what is wrong there
     */
    public LogCorruptedException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    /**
     * Damage found while decoding or applying the record at {@code offset}, with what failed.
     *
     * @param file   the segment file
     * @param offset the record's byte offset in it
     * @param reason what is wrong there
     * @param cause  what failed, or {@code null}
     */
    public LogCorruptedException(Path file, long offset, String reason, Throwable cause) {
        super(file.getFileName() + " at byte offset " + offset + ": " + reason, cause);
        this.file = file;
        this.offset = offset;
    }

    /**
     * Damage found where the file is not known; opening the log adds the file and offset of the record.
     *
     * @param message what is wrong
     */
    public LogCorruptedException(String message) {
        super(message);
        this.file = null;
        this.offset = -1;
    }

    /** {@return the segment file holding the damage, or {@code null} when not known} */
    public Path file() {
        return file;
    }

    /** {@return the byte offset of the damaged record in {@link #file()}, or -1 when not known} */
    public long offset() {
        return offset;
    }
}
