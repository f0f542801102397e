package dev.lithair.support;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

/**
 * The machine's file system, with I/O errors a test switches on and off: the store under test is given
 * a data directory {@link #wrap wrapped} here, and every file it opens, forces, lists or renames goes
 * through this, unchanged but for the {@link Fault}s armed. No seam in the store is needed: Java's file
 * API reaches a path's own file system.
 *
 * <p>Thread-safe: faults may be armed and cleared while the store's threads do I/O.
 */
public final class FaultyFileSystem extends FileSystem {

    /** Where an injected {@code IOException("Input/output error")} strikes. */
    public enum Fault {
        /** Writing records to a log segment: half of the bytes asked are written, then the next write fails. */
        LOG_WRITE,
        /** Filling a log segment ahead of its records (a write of {@code 0xFF} bytes). */
        LOG_FILL,
        /** Forcing a log segment to disk. */
        LOG_FORCE,
        /** Writing a snapshot's temporary file. */
        SNAPSHOT_WRITE,
        /** Renaming a snapshot's temporary file into place. */
        SNAPSHOT_RENAME
    }

    private static final byte FILL = (byte) 0xFF;

    private final FileSystem delegate = FileSystems.getDefault();
    private final Provider provider = new Provider();
    private final Set<Fault> armed = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicInteger> struck = new ConcurrentHashMap<>();
    /** While set, forces of log segments wait for it. */
    private volatile CountDownLatch forceGate;
    private final AtomicInteger forcesHeld = new AtomicInteger();

    /** {@code path} of the default file system, seen through this one. */
    public Path wrap(Path path) {
        return path instanceof FaultyPath faulty ? faulty : new FaultyPath(path.toAbsolutePath());
    }

    /** Makes every later {@code fault} operation fail, until {@link #clear}. */
    public void arm(Fault fault) {
        armed.add(fault);
    }

    public void clear(Fault fault) {
        armed.remove(fault);
    }

    /** Makes every later force of a log segment wait, until {@link #releaseLogForces}. */
    public void holdLogForces() {
        forceGate = new CountDownLatch(1);
    }

    public void releaseLogForces() {
        CountDownLatch gate = forceGate;
        forceGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Forces of log segments waiting now. */
    public int logForcesHeld() {
        return forcesHeld.get();
    }

    /** How many operations {@code fault} has failed so far. */
    public int struck(Fault fault) {
        return struck.computeIfAbsent(fault, f -> new AtomicInteger()).get();
    }

    private void strikeIfArmed(Fault fault) throws IOException {
        if (armed.contains(fault)) {
            struck.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            throw new IOException("Input/output error (injected " + fault + ")");
        }
    }

    private static boolean isSegment(Path path) {
        String name = String.valueOf(path.getFileName());
        return name.startsWith("events-") && name.endsWith(".raftlog");
    }

    private static boolean isSnapshotTemp(Path path) {
        return String.valueOf(path.getFileName()).endsWith(".raftsnap.tmp");
    }

    private static Path unwrap(Path path) {
        return path instanceof FaultyPath faulty ? faulty.delegate : path;
    }

    // ---- FileSystem ------------------------------------------------------------------------------

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the default file system cannot be closed");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return delegate.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return () -> StreamSupport.stream(delegate.getRootDirectories().spliterator(), false)
                .map(root -> (Path) new FaultyPath(root)).iterator();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return new FaultyPath(delegate.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return delegate.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() throws IOException {
        throw new UnsupportedOperationException("not needed by the store");
    }

    // ---- Path ------------------------------------------------------------------------------------

    private final class FaultyPath implements Path {

        final Path delegate;

        FaultyPath(Path delegate) {
            this.delegate = delegate;
        }

        private Path wrapped(Path path) {
            return path == null ? null : new FaultyPath(path);
        }

        @Override
        public FileSystem getFileSystem() {
            return FaultyFileSystem.this;
        }

        @Override
        public boolean isAbsolute() {
            return delegate.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return wrapped(delegate.getRoot());
        }

        @Override
        public Path getFileName() {
            return wrapped(delegate.getFileName());
        }

        @Override
        public Path getParent() {
            return wrapped(delegate.getParent());
        }

        @Override
        public int getNameCount() {
            return delegate.getNameCount();
        }

        @Override
        public Path getName(int index) {
            return wrapped(delegate.getName(index));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return wrapped(delegate.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            return delegate.startsWith(unwrap(other));
        }

        @Override
        public boolean endsWith(Path other) {
            return delegate.endsWith(unwrap(other));
        }

        @Override
        public Path normalize() {
            return wrapped(delegate.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return wrapped(delegate.resolve(unwrap(other)));
        }

        @Override
        public Path relativize(Path other) {
            return wrapped(delegate.relativize(unwrap(other)));
        }

        @Override
        public URI toUri() {
            return delegate.toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return wrapped(delegate.toAbsolutePath());
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            return wrapped(delegate.toRealPath(options));
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException("not needed by the store");
        }

        @Override
        public int compareTo(Path other) {
            return delegate.compareTo(unwrap(other));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FaultyPath faulty && delegate.equals(faulty.delegate);
        }

        @Override
        public int hashCode() {
            return delegate.hashCode();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    // ---- Provider --------------------------------------------------------------------------------

    private final class Provider extends FileSystemProvider {

        private final FileSystemProvider real = delegate.provider();

        @Override
        public String getScheme() {
            return "faulty";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            return FaultyFileSystem.this;
        }

        @Override
        public Path getPath(URI uri) {
            return new FaultyPath(real.getPath(uri));
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            FileChannel channel = real.newFileChannel(unwrap(path), options, attrs);
            if (isSegment(path)) {
                return new FaultyChannel(channel, Fault.LOG_WRITE, Fault.LOG_FILL, Fault.LOG_FORCE);
            }
            if (isSnapshotTemp(path)) {
                return new FaultyChannel(channel, Fault.SNAPSHOT_WRITE, null, Fault.SNAPSHOT_WRITE);
            }
            return channel;
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            DirectoryStream<Path> stream = real.newDirectoryStream(unwrap(dir),
                    entry -> filter.accept(new FaultyPath(entry)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> entries = stream.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public Path next() {
                            return new FaultyPath(entries.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            real.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            real.delete(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            real.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            if (isSnapshotTemp(source)) {
                strikeIfArmed(Fault.SNAPSHOT_RENAME);
            }
            real.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            return real.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            return real.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            return real.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            real.checkAccess(unwrap(path), modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return real.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            return real.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return real.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            real.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    // ---- FileChannel -----------------------------------------------------------------------------

    /**
     * A channel whose writes and forces fail while their fault is armed. A write of fill bytes
     * ({@code 0xFF} first) answers to {@code fillFault} when there is one; a record write armed to fail
     * first writes half of its bytes, as a disk filling up mid-write would.
     */
    private final class FaultyChannel extends FileChannel {

        private final FileChannel channel;
        private final Fault writeFault;
        private final Fault fillFault;
        private final Fault forceFault;
        private boolean halfWritten;

        FaultyChannel(FileChannel channel, Fault writeFault, Fault fillFault, Fault forceFault) {
            this.channel = channel;
            this.writeFault = writeFault;
            this.fillFault = fillFault;
            this.forceFault = forceFault;
        }

        private int beforeWrite(ByteBuffer source, long position) throws IOException {
            if (fillFault != null && source.hasRemaining() && source.get(source.position()) == FILL) {
                strikeIfArmed(fillFault);
                return -1;
            }
            if (!armed.contains(writeFault)) {
                halfWritten = false;
                return -1;
            }
            if (fillFault != null && !halfWritten && source.remaining() > 1) {
                halfWritten = true;
                ByteBuffer half = source.duplicate();
                half.limit(half.position() + source.remaining() / 2);
                int written = position < 0 ? channel.write(half) : channel.write(half, position);
                source.position(source.position() + written);
                return written;
            }
            strikeIfArmed(writeFault);
            return -1;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int half = beforeWrite(source, -1);
            return half >= 0 ? half : channel.write(source);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            int half = beforeWrite(source, position);
            return half >= 0 ? half : channel.write(source, position);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            strikeIfArmed(writeFault);
            return channel.write(sources, offset, length);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            CountDownLatch gate = forceGate;
            if (gate != null && forceFault == Fault.LOG_FORCE) {
                forcesHeld.incrementAndGet();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("a held force was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                } finally {
                    forcesHeld.decrementAndGet();
                }
            }
            strikeIfArmed(forceFault);
            channel.force(metaData);
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return channel.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return channel.read(destinations, offset, length);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return channel.read(destination, position);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return channel.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            strikeIfArmed(writeFault);
            return channel.transferFrom(source, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return channel.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return channel.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
