package dev.lithair.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.internal.log.Frame;

/**
 * How a {@link LithairStore} stores and recovers. Immutable; start from {@link #defaults(Path)} and
 * change what you need with the {@code withX} methods.
 *
 * @param dataDirectory         where the log, snapshots and metadata live
 * @param fsyncPolicy           when the log is forced; {@code ALWAYS} makes every acknowledged commit durable
 * @param fsyncInterval         with {@code BATCH}, the longest time written records stay unforced
 * @param format                format of new records and snapshots; older data stays readable in either
 * @param snapshotEveryEvents   take a snapshot after this many events; 0 takes them only on demand
 * @param segmentBytes          start a new log segment once the active one reaches this size
 * @param snapshotsRetained     snapshots kept on disk; more than one lets start-up fall back when the newest is unreadable
 * @param idempotencyMaxKeys    applied idempotency keys remembered, oldest forgotten first
 * @param idempotencyMaxAge     applied idempotency keys older than this (relative to the newest event) are
 *                              forgotten; {@code null} keeps them until {@code idempotencyMaxKeys} pushes them out
 * @param clock                 source of event timestamps
 * @param hashChain             link every new record to the one before it by its SHA-256, checked at start-up
 *                              (see {@link dev.lithair.internal.log.HashChain}); off by default
 * @param valueLimits           the largest values a commit may hold, which are also the largest the store reads
 *                              back; a commit over them is refused with {@link ValueLimitException}
 * @param idempotencyMaxKeyLength longest idempotency key accepted, in characters; a longer one is refused with
 *                              {@link ValueLimitException} (every applied key is remembered, in memory and snapshots).
 *                              A key's event ids (the key, {@code #} and an index) are texts: the value limits'
 *                              {@code maxStringLength} bounds them too.
 * @param maxPendingAsyncCommits {@link LithairStore#commitAsync asynchronous commits} accepted and not yet answered;
 *                              one more waits for room up to {@code asyncCommitWait}
 * @param asyncCommitWait       how long {@link LithairStore#commitAsync} waits for room when
 *                              {@code maxPendingAsyncCommits} are pending, before its future fails with
 *                              {@link StoreUnavailableException}; zero fails at once
 */
public record StoreOptions(Path dataDirectory, FsyncPolicy fsyncPolicy, Duration fsyncInterval, StorageFormat format,
        long snapshotEveryEvents, long segmentBytes, int snapshotsRetained, int idempotencyMaxKeys,
        Duration idempotencyMaxAge, Clock clock, boolean hashChain, ValueLimits valueLimits,
        int idempotencyMaxKeyLength, int maxPendingAsyncCommits, Duration asyncCommitWait) {

    /** The largest record body a log frame holds. */
    public static final int MAX_RECORD_BYTES = Frame.MAX_CHECKED_BYTES - Frame.CHECKED_HEADER_BYTES;

    /**
     * Checks every option.
     *
     * @param dataDirectory         where the log, snapshots and metadata live
     * @param fsyncPolicy           when the log is forced; {@code ALWAYS} makes every acknowledged commit durable
     * @param fsyncInterval         with {@code BATCH}, the longest time written records stay unforced
     * @param format                format of new records and snapshots; older data stays readable in either
     * @param snapshotEveryEvents   take a snapshot after this many events; 0 takes them only on demand
     * @param segmentBytes          start a new log segment once the active one reaches this size
     * @param snapshotsRetained     snapshots kept on disk; more than one lets start-up fall back when the newest is unreadable
     * @param idempotencyMaxKeys    applied idempotency keys remembered, oldest forgotten first
     * @param idempotencyMaxAge     applied idempotency keys older than this (relative to the newest event) are
     *        forgotten; {@code null} keeps them until {@code idempotencyMaxKeys} pushes them out
     * @param clock                 source of event timestamps
     * @param hashChain             link every new record to the one before it by its SHA-256, checked at start-up
     *        (see {@link dev.lithair.internal.log.HashChain}); off by default
     * @param valueLimits           the largest values a commit may hold, which are also the largest the store reads
     *        back; a commit over them is refused with {@link ValueLimitException}
     * @param idempotencyMaxKeyLength longest idempotency key accepted, in characters; a longer one is refused with
     *        {@link ValueLimitException} (every applied key is remembered, in memory and snapshots).
     *        A key's event ids (the key, {@code #} and an index) are texts: the value limits'
     *        {@code maxStringLength} bounds them too.
     * @param maxPendingAsyncCommits {@link LithairStore#commitAsync asynchronous commits} accepted and not yet answered;
     *        one more waits for room up to {@code asyncCommitWait}
     * @param asyncCommitWait       how long {@link LithairStore#commitAsync} waits for room when
     *        {@code maxPendingAsyncCommits} are pending, before its future fails with
     *        {@link StoreUnavailableException}; zero fails at once
     */
    public StoreOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(valueLimits, "valueLimits");
        Objects.requireNonNull(asyncCommitWait, "asyncCommitWait");
        require(!fsyncInterval.isNegative() && !fsyncInterval.isZero(), "fsyncInterval must be positive");
        require(snapshotEveryEvents >= 0, "snapshotEveryEvents must be 0 (on demand only) or positive");
        require(segmentBytes >= 4096, "segmentBytes must be at least 4096");
        require(snapshotsRetained >= 1, "snapshotsRetained must be at least 1");
        require(idempotencyMaxKeys >= 1, "idempotencyMaxKeys must be at least 1");
        require(idempotencyMaxAge == null || !idempotencyMaxAge.isNegative(), "idempotencyMaxAge must not be negative");
        require(valueLimits.maxRecordBytes() <= MAX_RECORD_BYTES, "the value limits' maxRecordBytes ("
                + valueLimits.maxRecordBytes() + ") must not exceed what a log frame holds, " + MAX_RECORD_BYTES);
        require(idempotencyMaxKeyLength >= 1, "idempotencyMaxKeyLength must be at least 1");
        require(maxPendingAsyncCommits >= 1, "maxPendingAsyncCommits must be at least 1");
        require(!asyncCommitWait.isNegative(), "asyncCommitWait must not be negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Durable ({@code ALWAYS}), readable (JSON) defaults; {@link ValueLimits#defaults() value limits} that
     * accept what Jackson parses by default; idempotency keys up to 256 characters; up to 32,768 pending
     * asynchronous commits (four full groups of the writer), one more waiting up to a second.
     *
     * @param dataDirectory where the log, snapshots and metadata live
     * @return the options
     */
    public static StoreOptions defaults(Path dataDirectory) {
        return new StoreOptions(dataDirectory, FsyncPolicy.ALWAYS, Duration.ofMillis(10), StorageFormat.JSON,
                100_000, 64L * 1024 * 1024, 2, 1_000_000, null, Clock.systemUTC(), false, ValueLimits.defaults(),
                256, 32_768, Duration.ofSeconds(1));
    }

    /**
     * These options for another data directory: what a store per tenant (or per test) shares with the
     * others, only the place differs.
     *
     * @param directory the data directory
     * @return the new options
     */
    public StoreOptions withDataDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return with(copy -> copy.dataDirectory = directory);
    }

    /**
     * These options with another fsync policy.
     *
     * @param policy the fsync policy
     * @return the new options
     */
    public StoreOptions withFsyncPolicy(FsyncPolicy policy) {
        return with(copy -> copy.fsyncPolicy = policy);
    }

    /**
     * These options with another fsync interval.
     *
     * @param interval the fsync interval
     * @return the new options
     */
    public StoreOptions withFsyncInterval(Duration interval) {
        return with(copy -> copy.fsyncInterval = interval);
    }

    /**
     * These options with another format.
     *
     * @param newFormat the format
     * @return the new options
     */
    public StoreOptions withFormat(StorageFormat newFormat) {
        return with(copy -> copy.format = newFormat);
    }

    /**
     * These options with another snapshot cadence.
     *
     * @param events the snapshot cadence
     * @return the new options
     */
    public StoreOptions withSnapshotEveryEvents(long events) {
        return with(copy -> copy.snapshotEveryEvents = events);
    }

    /**
     * These options with another segment size.
     *
     * @param bytes the segment size
     * @return the new options
     */
    public StoreOptions withSegmentBytes(long bytes) {
        return with(copy -> copy.segmentBytes = bytes);
    }

    /**
     * These options with another number of snapshots kept.
     *
     * @param retained the number of snapshots kept
     * @return the new options
     */
    public StoreOptions withSnapshotsRetained(int retained) {
        return with(copy -> copy.snapshotsRetained = retained);
    }

    /**
     * These options with another retention of applied idempotency keys.
     *
     * @param maxKeys the most keys remembered
     * @param maxAge  the age after which a key is forgotten, or {@code null}
     * @return the new options
     */
    public StoreOptions withIdempotencyRetention(int maxKeys, Duration maxAge) {
        return with(copy -> {
            copy.idempotencyMaxKeys = maxKeys;
            copy.idempotencyMaxAge = maxAge;
        });
    }

    /**
     * These options with another clock.
     *
     * @param newClock the clock
     * @return the new options
     */
    public StoreOptions withClock(Clock newClock) {
        return with(copy -> copy.clock = newClock);
    }

    /**
     * Links every record to the one before by its SHA-256 (tamper evidence, checked on open and by the CLI).
     *
     * @param enabled whether records are chained
     * @return the new options
     */
    public StoreOptions withHashChain(boolean enabled) {
        return with(copy -> copy.hashChain = enabled);
    }

    /**
     * These options with another value limits.
     *
     * @param limits the value limits
     * @return the new options
     */
    public StoreOptions withValueLimits(ValueLimits limits) {
        return with(copy -> copy.valueLimits = limits);
    }

    /**
     * These options with another longest idempotency key.
     *
     * @param characters the longest idempotency key
     * @return the new options
     */
    public StoreOptions withIdempotencyMaxKeyLength(int characters) {
        return with(copy -> copy.idempotencyMaxKeyLength = characters);
    }

    /**
     * Bounds the asynchronous commits pending at once; see {@link #maxPendingAsyncCommits()}.
     *
     * @param maxPending the most asynchronous commits pending
     * @param wait       how long one more waits for room
     * @return the new options
     */
    public StoreOptions withAsyncCommitQueue(int maxPending, Duration wait) {
        return with(copy -> {
            copy.maxPendingAsyncCommits = maxPending;
            copy.asyncCommitWait = wait;
        });
    }

    private StoreOptions with(java.util.function.Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components, writable one at a time; {@link #build()} validates them again. */
    private static final class Copy {
        Path dataDirectory;
        FsyncPolicy fsyncPolicy;
        Duration fsyncInterval;
        StorageFormat format;
        long snapshotEveryEvents;
        long segmentBytes;
        int snapshotsRetained;
        int idempotencyMaxKeys;
        Duration idempotencyMaxAge;
        Clock clock;
        boolean hashChain;
        ValueLimits valueLimits;
        int idempotencyMaxKeyLength;
        int maxPendingAsyncCommits;
        Duration asyncCommitWait;

        Copy(StoreOptions options) {
            dataDirectory = options.dataDirectory;
            fsyncPolicy = options.fsyncPolicy;
            fsyncInterval = options.fsyncInterval;
            format = options.format;
            snapshotEveryEvents = options.snapshotEveryEvents;
            segmentBytes = options.segmentBytes;
            snapshotsRetained = options.snapshotsRetained;
            idempotencyMaxKeys = options.idempotencyMaxKeys;
            idempotencyMaxAge = options.idempotencyMaxAge;
            clock = options.clock;
            hashChain = options.hashChain;
            valueLimits = options.valueLimits;
            idempotencyMaxKeyLength = options.idempotencyMaxKeyLength;
            maxPendingAsyncCommits = options.maxPendingAsyncCommits;
            asyncCommitWait = options.asyncCommitWait;
        }

        StoreOptions build() {
            return new StoreOptions(dataDirectory, fsyncPolicy, fsyncInterval, format, snapshotEveryEvents, segmentBytes,
                    snapshotsRetained, idempotencyMaxKeys, idempotencyMaxAge, clock, hashChain, valueLimits,
                    idempotencyMaxKeyLength, maxPendingAsyncCommits, asyncCommitWait);
        }
    }
}
