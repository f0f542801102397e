package dev.lithair.internal.log;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.exception.DataDirectoryInUseException;

/**
 * Exclusive ownership of a data directory for a store's lifetime: an operating-system lock on the
 * file {@value #FILE_NAME} in it, held from the first thing {@code LithairStore.open} does until the
 * store is closed. Two stores appending to one log would overwrite each other's records, truncate
 * each other's tail as torn and delete each other's segments; the lock refuses the second one before
 * it reads or writes anything.
 *
 * <p>The lock, not the file, is what counts. The file stays when the store closes or its process dies
 * (deleting it would let a third store lock a new file while a second still holds the old one); the
 * operating system drops the lock of a process that dies, so a stale file is simply taken over. Its
 * content (process id, host, time) only shows an operator, and the refused store, who holds the
 * directory.
 *
 * <p>Thread-safe. A second store in the same process is refused too: the operating system holds file
 * locks per process, so the directories locked here are also remembered here. For the same reason
 * nothing in a process holding the lock may open the lock file by another channel: closing any
 * descriptor of a file drops the process's locks on it (POSIX). {@link #lastHolder} therefore answers
 * from memory for a directory this process holds.
 */
public final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name in the data directory. */
    public static final String FILE_NAME = "lithair.lock";

    /** Directories locked by stores of this process, by real path, with who locked them. */
    private static final Map<String, Holder> HELD_HERE = new ConcurrentHashMap<>();

    private final Path directory;
    private final String key;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path directory, String key, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} (created if missing) for this process, and writes this process's id and
     * host into the lock file.
     *
     * @throws DataDirectoryInUseException when another store, here or in another process, holds it; then
     *                                     no file was changed
     */
    public static DataDirectoryLock acquire(Path directory) throws IOException {
        Files.createDirectories(directory);
        String key = directory.toRealPath().toString();
        Holder self = new Holder(ProcessHandle.current().pid(), hostName(), Instant.now().toString());
        Holder heldHere = HELD_HERE.putIfAbsent(key, self);
        if (heldHere != null) {
            throw new DataDirectoryInUseException(directory, "another store in this process (" + heldHere + ")");
        }
        FileChannel channel = null;
        try {
            Path file = directory.resolve(FILE_NAME);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException lockedHere) {
                // Held by code of this process that did not go through this class; reading the file
                // by another channel would drop that lock.
                throw new DataDirectoryInUseException(directory, "other code of this process (" + self + ")");
            }
            if (lock == null) {
                throw new DataDirectoryInUseException(directory, readHolder(file));
            }
            DataDirectoryLock acquired = new DataDirectoryLock(directory, key, channel, lock);
            acquired.writeHolder(self);
            return acquired;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(key, self);
            throw e;
        }
    }

    /**
     * Who last took the lock of {@code directory}, as its lock file says, without locking, creating or
     * changing anything; empty when there is no lock file. Whether that holder still runs is not known
     * from the file alone (see {@link Holder#runningHere()}).
     */
    public static java.util.Optional<Holder> lastHolder(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.isDirectory(directory)) {
            Holder heldHere = HELD_HERE.get(directory.toRealPath().toString());
            if (heldHere != null) {
                return java.util.Optional.of(heldHere);
            }
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Holder.parse(new String(content, StandardCharsets.UTF_8)));
    }

    /**
     * A lock file's content.
     *
     * @param pid   the process id, or -1 when the file does not say
     * @param host  the host name, or {@code null}
     * @param since when the lock was taken, as written, or {@code null}
     */
    public record Holder(long pid, String host, String since) {

        static Holder parse(String content) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : content.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
            long pid;
            try {
                pid = Long.parseLong(fields.getOrDefault("pid", "-1"));
            } catch (NumberFormatException notANumber) {
                pid = -1;
            }
            return new Holder(pid, fields.get("host"), fields.get("since"));
        }

        /**
         * Whether a process with this id runs on this host now: {@code null} when that cannot be known
         * (another host, or no id).
         */
        public Boolean runningHere() {
            if (pid < 0 || host == null || !host.equals(hostName())) {
                return null;
            }
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        @Override
        public String toString() {
            if (pid < 0) {
                return "a store whose lock file does not say which process it is (it may be starting)";
            }
            return "process " + pid + " on host " + host + (since == null ? "" : " (since " + since + ")");
        }
    }

    private static String readHolder(Path file) {
        try {
            return Holder.parse(Files.readString(file, StandardCharsets.UTF_8)).toString();
        } catch (IOException | RuntimeException unreadable) {
            return "another process (its lock file " + file + " cannot be read: " + unreadable.getMessage() + ")";
        }
    }

    /** Replaces the file's content with {@code self}, forced, so that a refused store can name this one. */
    private void writeHolder(Holder self) throws IOException {
        String content = "pid=" + self.pid() + "\nhost=" + self.host() + "\nsince=" + self.since() + "\n";
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(true);
    }

    /** This host's name, looked up once. */
    static String hostName() {
        return HostName.VALUE;
    }

    private static final class HostName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                String fromEnvironment = System.getenv("HOSTNAME");
                return fromEnvironment != null ? fromEnvironment : "unknown-host";
            }
        }
    }

    /** The directory this lock holds. */
    public Path directory() {
        return directory;
    }

    /** Releases the lock; the file stays (see the class comment). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
            HELD_HERE.remove(key);
        }
    }
}
