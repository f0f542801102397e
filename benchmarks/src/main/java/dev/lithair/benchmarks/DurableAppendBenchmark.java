package dev.lithair.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.lithair.testsupport.TestDirectories;
import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Durable appends per second (every append forced to disk before it returns), for 1, 16 and 64
 * writer threads, measured side by side for three implementations:
 *
 * <ul>
 * <li>{@code lithairCommit}: a {@link LithairStore} with {@code fsync=ALWAYS}, binary records, no
 * automatic snapshots; each op commits one {@link Operation.Put} creating a new entity, whose framed
 * record on disk is about 235 bytes (its envelope alone takes ~200).</li>
 * <li>{@code rawForce}: the machine's limit for one-at-a-time durability: one {@link FileChannel},
 * each op writes one {@value #RECORD_BYTES}-byte record and forces it, under a lock so that
 * concurrent threads serialise as a single writer would.</li>
 * <li>{@code naiveGroupCommit}: the textbook group commit: a {@link LinkedBlockingQueue} of
 * (bytes, future), one thread that takes everything queued, writes it with one write, forces once
 * and completes the futures.</li>
 * </ul>
 *
 * <p>The thread counts are the nested classes {@link T01}, {@link T16} and {@link T64}, so one run
 * holds all nine results, named e.g. {@code DurableAppendBenchmark.T16.lithairCommit}. Every
 * measurement iteration starts on a fresh, empty file or store in a temporary directory, deleted
 * afterwards. {@code run-durable-append.sh} runs them and checks the targets.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public abstract class DurableAppendBenchmark {

    /** Size of one record on disk, for all three implementations. */
    public static final int RECORD_BYTES = 200;

    /** One writer thread. */
    @Threads(1)
    public static class T01 extends DurableAppendBenchmark {
    }

    /** Sixteen writer threads. */
    @Threads(16)
    public static class T16 extends DurableAppendBenchmark {
    }

    /** Sixty-four writer threads. */
    @Threads(64)
    public static class T64 extends DurableAppendBenchmark {
    }

    @Benchmark
    public CommitResult lithairCommit(LithairState store, Writer writer) {
        return store.store.commit(Commit.of(new Operation.Put(LithairState.TYPE, writer.nextId(), store.fields)));
    }

    @Benchmark
    public long rawForce(RawState raw, Writer writer) throws IOException {
        return raw.append(writer.nextRecord());
    }

    @Benchmark
    public Object naiveGroupCommit(NaiveState naive, Writer writer) {
        return naive.append(writer.nextRecord()).join();
    }

    /** Per benchmark thread: unique entity ids and a record buffer to fill. */
    @State(Scope.Thread)
    public static class Writer {
        private static final AtomicInteger THREADS = new AtomicInteger();
        private final String prefix = "w" + THREADS.incrementAndGet() + "-";
        private final byte[] template = new byte[RECORD_BYTES];
        private long next;

        String nextId() {
            return prefix + (next++);
        }

        /** A fresh record, as a caller that serialises its own event would hand over. */
        byte[] nextRecord() {
            byte[] record = template.clone();
            long value = next++;
            for (int i = 0; i < 8; i++) {
                record[i] = (byte) (value >>> (56 - 8 * i));
            }
            return record;
        }
    }

    /** A fresh store per iteration, so that the in-memory state stays at one iteration's worth. */
    @State(Scope.Benchmark)
    public static class LithairState {
        static final String TYPE = "Reading";
        final ObjectNode fields = payload();
        Path directory;
        LithairStore store;

        @Setup(Level.Trial)
        public void checkRecordSize() {
            int size = recordSize(fields);
            System.out.println("Lithair record on disk: " + size + " bytes (baselines: " + RECORD_BYTES + ")");
            if (Math.abs(size - RECORD_BYTES) > 50) {
                throw new IllegalStateException("a Lithair record is " + size + " bytes on disk, expected about "
                        + RECORD_BYTES);
            }
        }

        @Setup(Level.Iteration)
        public void open() throws IOException {
            directory = Files.createTempDirectory("lithair-durable-append-");
            store = LithairStore.open(StoreOptions.defaults(directory)
                    .withFsyncPolicy(FsyncPolicy.ALWAYS)
                    .withFormat(StorageFormat.BINARY)
                    .withSnapshotEveryEvents(0));
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            store.close();
            TestDirectories.deleteRecursively(directory);
        }

        /**
         * A small IoT reading. The event envelope alone (type, ids, sequence, timestamp) takes about 200
         * bytes in the log, so the fields are kept few to stay near {@value #RECORD_BYTES} bytes.
         */
        static ObjectNode payload() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("sensor", "s-42");
            node.put("value", 21.375);
            return node;
        }

        /** Bytes one commit of {@code fields} occupies in the log: frame header plus Smile body. */
        static int recordSize(ObjectNode fields) {
            EventEnvelope event = new EventEnvelope(EventType.CREATED, TYPE + ":w12-1234567:1234567", 1234567,
                    Instant.now(), null, TYPE, "w12-1234567", fields);
            byte[] body = new RecordCodec(StorageFormat.BINARY).encode(new LogRecord(null, List.of(event)));
            return Frame.sizeOnDisk(body.length);
        }
    }

    /** One channel; each append writes and forces one record while holding the lock. */
    @State(Scope.Benchmark)
    public static class RawState {
        private final ReentrantLock lock = new ReentrantLock();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECORD_BYTES);
        Path directory;
        FileChannel channel;
        long position;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            directory = Files.createTempDirectory("raw-force-");
            channel = FileChannel.open(directory.resolve("log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            position = 0;
        }

        long append(byte[] record) throws IOException {
            lock.lock();
            try {
                buffer.clear();
                buffer.put(record).flip();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(false);
                return position;
            } finally {
                lock.unlock();
            }
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            TestDirectories.deleteRecursively(directory);
        }
    }

    /** The naive group commit; see {@link NaiveGroupCommit}. */
    @State(Scope.Benchmark)
    public static class NaiveState {
        Path directory;
        NaiveGroupCommit log;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            directory = Files.createTempDirectory("naive-group-commit-");
            log = new NaiveGroupCommit(directory.resolve("log"));
        }

        CompletableFuture<Long> append(byte[] record) {
            return log.append(record);
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException, InterruptedException {
            log.close();
            TestDirectories.deleteRecursively(directory);
        }
    }

    /**
     * What a competent engineer writes in an afternoon: callers queue (bytes, future); one thread
     * takes all that is queued, writes it with one write, forces once, then completes every future.
     */
    static final class NaiveGroupCommit implements AutoCloseable {

        private record Append(byte[] bytes, CompletableFuture<Long> done) {
        }

        private static final Append STOP = new Append(new byte[0], null);

        private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
        private final FileChannel channel;
        private final Thread thread;
        private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        private long position;

        NaiveGroupCommit(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            thread = new Thread(this::run, "naive-group-commit");
            thread.setDaemon(true);
            thread.start();
        }

        CompletableFuture<Long> append(byte[] bytes) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            queue.add(new Append(bytes, done));
            return done;
        }

        private void run() {
            List<Append> batch = new ArrayList<>();
            boolean stopping = false;
            while (!stopping) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch);
                int bytes = 0;
                for (Append append : batch) {
                    bytes += append.bytes().length;
                }
                if (buffer.capacity() < bytes) {
                    buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1);
                }
                buffer.clear();
                for (Append append : batch) {
                    if (append == STOP) {
                        stopping = true;
                    } else {
                        buffer.put(append.bytes());
                    }
                }
                buffer.flip();
                try {
                    while (buffer.hasRemaining()) {
                        position += channel.write(buffer, position);
                    }
                    channel.force(false);
                    for (Append append : batch) {
                        if (append != STOP) {
                            append.done().complete(position);
                        }
                    }
                } catch (IOException e) {
                    for (Append append : batch) {
                        if (append != STOP) {
                            append.done().completeExceptionally(e);
                        }
                    }
                }
                batch.clear();
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            queue.add(STOP);
            thread.join();
            channel.close();
        }
    }

}
