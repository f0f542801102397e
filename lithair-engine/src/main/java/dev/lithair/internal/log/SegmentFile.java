package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The open channel of a segment that has received writes not yet forced. The syncer forces it and,
 * once the log has moved on to a newer segment ({@link #retired()}), closes it.
 * Thread-safe: {@link FileChannel#force} may run while the writer appends to the same channel.
 */
public final class SegmentFile {

    private final Path path;
    private final FileChannel channel;
    private volatile boolean retired;

    SegmentFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    public boolean retired() {
        return retired;
    }

    void retire() {
        retired = true;
    }

    /** Forces written data (not metadata other than the size) to stable storage. */
    public void force() throws IOException {
        try {
            channel.force(false);
        } catch (java.nio.channels.ClosedChannelException closed) {
            // Under ForceMode.NEVER the writer closes retired segments itself and nothing needs
            // their data forced; a closed segment that is not retired is a real fault.
            if (!retired) {
                throw closed;
            }
        }
    }

    public void close() throws IOException {
        channel.close();
    }
}
