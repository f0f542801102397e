package dev.lithair.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Test access to the log's files: the segments of a data directory, their frames, and forged rewrites. */
public final class LogFiles {

    private LogFiles() {
    }

    /** The segment files, oldest first. */
    public static List<Path> segments(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches("events-\\d{20}\\.raftlog")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of all records in the {@code events-*.raftlog} files: their sizes without the fill an
     * open store's active segment holds after its records.
     */
    public static long logBytes(Path directory) {
        return allFrames(directory).stream().mapToLong(Frame::sizeOnDisk).sum();
    }

    /** Whether the bytes from {@code from} on are all preallocation fill (space an open log has not written yet). */
    public static boolean onlyFill(byte[] bytes, int from) {
        return lengthWithoutFill(bytes) <= from;
    }

    /** How many bytes of a segment's content come before the preallocation fill at its end, if any. */
    public static int lengthWithoutFill(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == SegmentedLog.PREALLOCATED_FILL) {
            end--;
        }
        return end;
    }

    /** The intact frames at the start of a segment, in order; stops at the first damaged byte. */
    public static List<Frame> frames(Path segment) {
        try {
            byte[] bytes = Files.readAllBytes(segment);
            List<Frame> frames = new ArrayList<>();
            int offset = 0;
            while (offset < bytes.length) {
                Frame frame = Frame.parse(bytes, offset, bytes.length - offset, offset);
                if (frame == null) {
                    break;
                }
                frames.add(frame);
                offset += frame.sizeOnDisk();
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every intact frame of every segment, in log order. */
    public static List<Frame> allFrames(Path directory) {
        List<Frame> all = new ArrayList<>();
        segments(directory).forEach(segment -> all.addAll(frames(segment)));
        return all;
    }

    /**
     * Rewrites a segment with the body of its frame {@code index} replaced, framed afresh with a valid
     * checksum: a forgery that CRC32C cannot detect.
     */
    public static void forge(Path segment, int index, UnaryOperator<byte[]> newBody) {
        List<Frame> frames = new ArrayList<>(frames(segment));
        Frame old = frames.get(index);
        frames.set(index, new Frame(old.offset(), old.firstSequence(), old.eventCount(), old.format(),
                newBody.apply(old.body())));
        int size = frames.stream().mapToInt(Frame::sizeOnDisk).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (Frame frame : frames) {
            Frame.write(buffer, frame.firstSequence(), frame.eventCount(), frame.format(), frame.body());
        }
        try {
            Files.write(segment, buffer.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
