package dev.lithair.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the frames of one segment file in order, through a window that grows to fit the largest
 * frame. Not thread-safe; used during recovery and by the CLI.
 */
final class SegmentReader implements Closeable {

    /** What {@link #next()} found at the current offset. */
    sealed interface Result permits Valid, End, Damaged {
    }

    record Valid(Frame frame) implements Result {
    }

    /**
     * The records end exactly at a frame boundary: the file ends there, or only
     * {@link SegmentedLog#PREALLOCATED_FILL} bytes follow (space the log preallocated and has not
     * written yet, which no frame can start with, see there).
     */
    record End() implements Result {
    }

    /** The bytes at {@code offset} are not an intact frame. */
    record Damaged(long offset, String reason) implements Result {
    }

    private static final int INITIAL_WINDOW = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    /** {@link #sizeWithoutFill()}, once computed; -1 before. */
    private long sizeWithoutFill = -1;
    private byte[] window = new byte[INITIAL_WINDOW];
    private long windowFileOffset;
    private int windowStart;
    private int windowEnd;

    SegmentReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.fileSize = channel.size();
    }

    long fileSize() {
        return fileSize;
    }

    /**
     * Size of the file without the run of preallocation fill bytes at its end (which may also take in
     * a torn record's last bytes when they happen to equal the fill).
     */
    long sizeWithoutFill() throws IOException {
        if (sizeWithoutFill < 0) {
            sizeWithoutFill = scanBackOverFill();
        }
        return sizeWithoutFill;
    }

    private long scanBackOverFill() throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(1 << 16, fileSize));
        long end = fileSize;
        while (end > 0) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, start + chunk.position()) < 0) {
                    break;
                }
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) != SegmentedLog.PREALLOCATED_FILL) {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /** Offset of the next frame to be read. */
    long position() {
        return windowFileOffset + windowStart;
    }

    Result next() throws IOException {
        long offset = position();
        // only fill after this offset: no frame starts with a fill byte, so no record either
        if (offset >= sizeWithoutFill()) {
            return new End();
        }
        if (!fill(Frame.PREFIX_BYTES)) {
            return new Damaged(offset, "truncated frame header (" + (fileSize - offset) + " bytes left)");
        }
        int length = ByteBuffer.wrap(window, windowStart, 4).getInt();
        if (length < Frame.CHECKED_HEADER_BYTES || length > Frame.MAX_CHECKED_BYTES) {
            return new Damaged(offset, "implausible frame length " + length);
        }
        if (!fill(Frame.PREFIX_BYTES + length)) {
            return new Damaged(offset, "truncated frame: length " + length + " but only "
                    + (fileSize - offset - Frame.PREFIX_BYTES) + " bytes left");
        }
        Frame frame = Frame.parse(window, windowStart, Frame.PREFIX_BYTES + length, offset);
        if (frame == null) {
            return new Damaged(offset, "checksum mismatch");
        }
        windowStart += Frame.PREFIX_BYTES + length;
        return new Valid(frame);
    }

    /** Ensures {@code needed} bytes are in the window from {@code windowStart}; false at end of file. */
    private boolean fill(int needed) throws IOException {
        if (windowEnd - windowStart >= needed) {
            return true;
        }
        if (position() + needed > fileSize) {
            return false;
        }
        if (needed > window.length) {
            byte[] larger = new byte[Math.max(needed, window.length * 2)];
            System.arraycopy(window, windowStart, larger, 0, windowEnd - windowStart);
            window = larger;
        } else {
            System.arraycopy(window, windowStart, window, 0, windowEnd - windowStart);
        }
        windowFileOffset += windowStart;
        windowEnd -= windowStart;
        windowStart = 0;
        while (windowEnd < needed) {
            int read = channel.read(ByteBuffer.wrap(window, windowEnd, window.length - windowEnd),
                    windowFileOffset + windowEnd);
            if (read < 0) {
                return false;
            }
            windowEnd += read;
        }
        return true;
    }

    /**
     * Whether any intact frame starts anywhere after {@code damagedOffset} in this file. Used to
     * distinguish a torn tail (nothing good follows) from corruption in the middle (good records follow).
     */
    boolean hasIntactFrameAfter(long damagedOffset) throws IOException {
        long from = damagedOffset + 1;
        if (from >= fileSize) {
            return false;
        }
        long remaining = fileSize - from;
        if (remaining > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large to scan for damage");
        }
        byte[] rest = new byte[(int) remaining];
        ByteBuffer target = ByteBuffer.wrap(rest);
        long position = from;
        while (target.hasRemaining()) {
            int read = channel.read(target, position);
            if (read < 0) {
                break;
            }
            position += read;
        }
        for (int i = 0; i + Frame.PREFIX_BYTES + Frame.CHECKED_HEADER_BYTES <= rest.length; i++) {
            if (Frame.parse(rest, i, rest.length - i, from + i) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
