package dev.lithair.internal.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import dev.lithair.event.StorageFormat;

/**
 * The on-disk framing of one record:
 * {@code [int length][int crc32c][long firstSequence][int eventCount][byte format][body]}, big-endian.
 * {@code length} counts the bytes after the checksum; the CRC32C covers exactly those bytes, so a
 * record is trusted only when its length fits and its checksum matches.
 *
 * @param offset        byte offset of the frame in its segment
 * @param firstSequence sequence of the record's first event
 * @param eventCount    number of events in the record
 * @param format        format of the body
 * @param body          the serialised record
 */
public record Frame(long offset, long firstSequence, int eventCount, StorageFormat format, byte[] body) {

    /** Bytes before the checked part: length and checksum. */
    public static final int PREFIX_BYTES = 8;
    /** Checked bytes before the body: first sequence, event count, format marker. */
    public static final int CHECKED_HEADER_BYTES = 8 + 4 + 1;
    /** A record larger than this is never written, so a length above it marks damage. */
    public static final int MAX_CHECKED_BYTES = 256 * 1024 * 1024;

    public long lastSequence() {
        return firstSequence + eventCount - 1;
    }

    /** Total bytes the frame occupies on disk. */
    public int sizeOnDisk() {
        return PREFIX_BYTES + CHECKED_HEADER_BYTES + body.length;
    }

    /** Bytes a frame with a body of this size occupies on disk. */
    public static int sizeOnDisk(int bodyLength) {
        return PREFIX_BYTES + CHECKED_HEADER_BYTES + bodyLength;
    }

    /** Writes one frame at the buffer's position; the buffer must have room for {@link #sizeOnDisk(int)}. */
    public static void write(ByteBuffer target, long firstSequence, int eventCount, StorageFormat format, byte[] body) {
        int start = target.position();
        target.putInt(CHECKED_HEADER_BYTES + body.length);
        target.putInt(0); // checksum, filled in below once the checked bytes are in place
        int checkedStart = target.position();
        target.putLong(firstSequence);
        target.putInt(eventCount);
        target.put(format.marker());
        target.put(body);
        CRC32C crc = new CRC32C();
        ByteBuffer checked = target.duplicate().position(checkedStart).limit(target.position());
        crc.update(checked);
        target.putInt(start + 4, (int) crc.getValue());
    }

    /**
     * Parses the frame starting at {@code offset} of {@code bytes}, or returns {@code null} when the
     * bytes there are not a complete, intact frame.
     */
    public static Frame parse(byte[] bytes, int offset, int available, long fileOffset) {
        if (available < PREFIX_BYTES + CHECKED_HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, available);
        int length = buffer.getInt();
        int storedCrc = buffer.getInt();
        if (length < CHECKED_HEADER_BYTES || length > MAX_CHECKED_BYTES || length > available - PREFIX_BYTES) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset + PREFIX_BYTES, length);
        if ((int) crc.getValue() != storedCrc) {
            return null;
        }
        long firstSequence = buffer.getLong();
        int eventCount = buffer.getInt();
        byte marker = buffer.get();
        StorageFormat format;
        try {
            format = StorageFormat.ofMarker(marker);
        } catch (IllegalArgumentException unknownMarker) {
            return null;
        }
        if (firstSequence < 1 || eventCount < 1) {
            return null;
        }
        byte[] body = new byte[length - CHECKED_HEADER_BYTES];
        buffer.get(body);
        return new Frame(fileOffset, firstSequence, eventCount, format, body);
    }

    /** Reads the declared checked length of a frame prefix, to know how many bytes to read next. */
    static int declaredLength(byte[] prefix) {
        return ByteBuffer.wrap(prefix, 0, 4).getInt();
    }
}
