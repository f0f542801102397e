package dev.lithair.internal.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * One frame of a snapshot of format version 2: {@code [byte kind][int length][int crc32c][content]},
 * the content one document of the store's format. Each frame is checked on its own, so frames can be
 * verified and decoded in parallel, and a damaged one is named by its offset.
 *
 * <p>A snapshot holds, in this order: one {@link #STATE} frame, the {@link #ENTITIES} frames, one
 * {@link #END} frame.
 */
record SnapshotFrame(byte kind, long offset, byte[] content, int crc) {

    /** The sequence, the sizes per type, the remembered idempotency keys and the whole sections. */
    static final byte STATE = 'S';
    /**
     * Up to {@link #ROWS} entities of one type in id order, with their parts of the per-entity sections
     * (retained history): field and section names once, then each entity's values and parts.
     */
    static final byte ENTITIES = 'E';
    /** How many chunks and entities the snapshot holds: a snapshot without it is incomplete. */
    static final byte END = 'Z';

    static final int HEADER_BYTES = 1 + 4 + 4;
    /** Rows per chunk: enough to amortise a frame, few enough that many chunks share the cores. */
    static final int ROWS = 1024;
    /** A frame longer than this is damage, not data: a chunk of the largest values stays far below. */
    static final int MAX_CONTENT_BYTES = 1 << 30;

    /** Writes a frame around {@code length} bytes of {@code content}. */
    static void write(DataOutputStream out, byte kind, byte[] content, int length) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, length);
        out.writeByte(kind);
        out.writeInt(length);
        out.writeInt((int) crc.getValue());
        out.write(content, 0, length);
    }

    /**
     * Reads the frame at {@code offset}, its checksum not yet verified (see {@link #verified}).
     *
     * @throws IOException when the file ends inside it or its length cannot be right
     */
    static SnapshotFrame read(FileChannel channel, long offset, long end) throws IOException {
        if (end - offset < HEADER_BYTES) {
            throw new IOException("incomplete: the snapshot ends inside a frame header at offset " + offset);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, offset);
        header.flip();
        byte kind = header.get();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > MAX_CONTENT_BYTES || length > end - offset - HEADER_BYTES) {
            throw new IOException("damaged frame at offset " + offset + ": length " + length + " does not fit the file");
        }
        ByteBuffer content = ByteBuffer.allocate(length);
        readFully(channel, content, offset + HEADER_BYTES);
        return new SnapshotFrame(kind, offset, content.array(), crc);
    }

    /** This frame, after checking its content against its checksum. */
    SnapshotFrame verified() throws IOException {
        CRC32C actual = new CRC32C();
        actual.update(content);
        if ((int) actual.getValue() != crc) {
            throw new IOException("checksum mismatch in the frame at offset " + offset);
        }
        return this;
    }

    long end() {
        return offset + HEADER_BYTES + content.length;
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of snapshot");
            }
        }
    }

    /** A growable buffer whose array is written as is: chunks are encoded into one, reused. */
    static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[1 << 16];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] array() {
            return bytes;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }
    }
}
