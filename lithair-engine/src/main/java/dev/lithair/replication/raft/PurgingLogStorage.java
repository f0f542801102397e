package dev.lithair.replication.raft;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;

/**
 * JRaft's RocksDB log storage that, when the log's prefix is truncated after a snapshot, also removes
 * the truncated entries' bytes from its files: the entries are deleted, the memory tables flushed (so
 * the write-ahead files holding them are dropped) and the files compacted, so that no file keeps them.
 *
 * <p>Why: RocksDB deletes a range by writing a marker, and the bytes stay in its files until a
 * compaction happens to rewrite them, possibly never. An erased entity's values in the Raft log would
 * then outlive every compaction Lithair asks for. JRaft gives the subclass a hook before it deletes
 * the range, not the database itself: the database and its two column families are read from
 * JRaft's fields (pinned to the JRaft version the build uses; a version without them fails at start).
 *
 * <p>Thread-safe: JRaft truncates in a background thread; {@link #awaitPurgedBelow} may be called from
 * any thread.
 */
final class PurgingLogStorage extends RocksDBLogStorage {

    private static final Logger log = LoggerFactory.getLogger(PurgingLogStorage.class);

    private static final Field DB = field("db");
    private static final Field DEFAULT_FAMILY = field("defaultHandle");
    private static final Field CONF_FAMILY = field("confHandle");

    private final Object purgedMonitor = new Object();
    /** Every entry below this index has left the storage's files. */
    private long purgedBelow;
    /** Truncations asked for, and those whose purge finished: equal when none is under way. */
    private long truncationsAsked;
    private long truncationsPurged;

    PurgingLogStorage(String path, RaftOptions raftOptions) {
        super(path, raftOptions);
    }

    @Override
    public boolean truncatePrefix(long firstIndexKept) {
        synchronized (purgedMonitor) {
            truncationsAsked++;
        }
        return super.truncatePrefix(firstIndexKept);
    }

    @Override
    protected void onTruncatePrefix(long startIndex, long firstIndexKept) throws RocksDBException, IOException {
        RocksDB db = (RocksDB) read(DB);
        ColumnFamilyHandle data = (ColumnFamilyHandle) read(DEFAULT_FAMILY);
        ColumnFamilyHandle configuration = (ColumnFamilyHandle) read(CONF_FAMILY);
        byte[] from = getKeyBytes(startIndex);
        byte[] to = getKeyBytes(firstIndexKept);
        long started = System.nanoTime();
        db.deleteRange(data, from, to);
        db.deleteRange(configuration, from, to);
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, List.of(data, configuration));
        }
        db.compactRange(data);
        db.compactRange(configuration);
        synchronized (purgedMonitor) {
            purgedBelow = Math.max(purgedBelow, firstIndexKept);
            truncationsPurged++;
            purgedMonitor.notifyAll();
        }
        log.debug("Raft log entries {} to {} purged from the storage's files in {} ms", startIndex, firstIndexKept - 1,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Waits until every entry below {@code index} has left the storage's files: purged by a truncation
     * of this run, or the log starts after it with no truncation under way (earlier runs purged them).
     *
     * @return whether it has, within {@code timeout}
     */
    boolean awaitPurgedBelow(long index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (purgedMonitor) {
            while (purgedBelow < index && !(truncationsPurged == truncationsAsked && getFirstLogIndex() >= index)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(purgedMonitor, left);
            }
            return true;
        }
    }

    private Object read(Field field) {
        try {
            return field.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read JRaft's RocksDB field " + field.getName(), e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = RocksDBLogStorage.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("this JRaft version's RocksDBLogStorage has no field '" + name
                    + "', which purging the Raft log needs: use the JRaft version Lithair is built with");
        }
    }
}
