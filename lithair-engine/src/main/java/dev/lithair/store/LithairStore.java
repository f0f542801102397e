package dev.lithair.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.backup.BackupInfo;
import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.ChangeValidator;
import dev.lithair.exception.DataDirectoryInUseException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.history.AsOf;
import dev.lithair.history.Erasure;
import dev.lithair.history.FieldChange;
import dev.lithair.index.Indexes;
import dev.lithair.internal.backup.ClusterSeed;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.history.FieldHistories;
import dev.lithair.internal.log.DataDirectoryLock;
import dev.lithair.internal.log.LogOpenResult;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.projection.LiveProjections;
import dev.lithair.internal.snapshot.SnapshotSection;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.internal.snapshot.EntitySection;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.EntityTypes;
import dev.lithair.projection.Projection;
import dev.lithair.projection.Projections;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitTrace;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreStats;
import tools.jackson.databind.node.ObjectNode;

/**
 * An embedded, event-sourced store: commits become events in a durable log, state is served from
 * memory, and start-up rebuilds the state from the newest readable snapshot plus the log after it.
 *
 * <p>Thread-safe. Commits from any thread are serialised by one writer; reads never block and never
 * touch disk, and see a commit only once it is durable (with {@code fsync=always}, after the force
 * carrying it) and before its caller is acknowledged. Close it to stop its threads; a store that was
 * not closed (a crash) recovers on the next open.
 *
 * <p>The store owns its data directory: it holds the directory's lock ({@link DataDirectoryLock})
 * from open to close, so a second store on it fails to open. When the disk refuses a write, commits
 * are refused until it takes writes again ({@link #haltCause()}); see {@code docs/durability.md}.
 *
 * <p>{@link #open} creates and starts a store in one call. {@link #create} then {@link #start()} split the two,
 * so that a container can wire the store when it builds its components and touch the data directory only when
 * it starts them; in between, reads and commits fail with an {@link IllegalStateException} naming the state.
 *
 * <p>Over 500 lines because it is the engine's whole public surface, mostly short delegations to the parts
 * that do the work (state, commit path, histories, indexes), plus the start that fills its own structures
 * from the data directory.
 */
public final class LithairStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LithairStore.class);

    private final StoreOptions options;
    private final CommitPath.Factory replication;
    private final RecordCodec codec;
    private final SnapshotStore snapshots;
    private final EntityTypes types;
    private final RecordChain chain;
    private final StoreState state;
    private final CommitPlanner planner;
    private final LiveProjections projections;
    private final FieldHistories histories;
    private final Indexes indexes;
    private final Erasures erasures;
    private final StoreObservers observers;
    private final PendingAsyncCommits pendingAsync;
    private final StartGate gate;
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, EntityTable<?>> tables =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Set once {@link #start()} has recovered the state: what only an open data directory gives. */
    private volatile Opened opened;
    private volatile boolean closed;

    /** What starting the store acquired and recovered. */
    private record Opened(CommitPath commitPath, StoreMeta meta, Recovery recovery, DataDirectoryLock lock) {
    }

    /**
     * How the last open went.
     *
     * @param snapshotSequence  sequence of the snapshot state started from, 0 when none
     * @param recordsReplayed   log records applied after it
     * @param truncatedBytes    bytes of torn tail removed
     * @param durationMillis    time taken to open
     */
    public record Recovery(long snapshotSequence, long recordsReplayed, long truncatedBytes, long durationMillis) {
    }

    /**
     * Builds the in-memory structures only (state, indexes, histories, projections): no file is read, created
     * or locked until {@link #start()}.
     */
    private LithairStore(StoreOptions options, Collection<? extends EntityModel<?>> models,
            Collection<? extends Projection<?, ?, ?>> projectionDefinitions, CommitPath.Factory replication) {
        this.options = Objects.requireNonNull(options, "options");
        this.replication = replication;
        this.codec = new RecordCodec(options.format(), options.valueLimits());
        this.snapshots = new SnapshotStore(options.dataDirectory(), codec, options.snapshotsRetained());
        this.types = new EntityTypes(models);
        // Derived structures follow every applied event; each feature registers here what it is.
        List<AppliedEventListener> listeners = new ArrayList<>();
        List<SnapshotSection> sections = new ArrayList<>();
        List<ChangeValidator> validators = new ArrayList<>();
        this.indexes = new Indexes(types);
        listeners.add(indexes);
        validators.add(indexes);
        this.projections = new LiveProjections(types, projectionDefinitions);
        listeners.add(projections);
        this.histories = new FieldHistories(types, options.clock());
        List<EntitySection> entitySections = List.of(histories);
        this.erasures = new Erasures();
        listeners.add(erasures);
        sections.add(erasures);
        this.chain = new RecordChain(options.hashChain());
        if (chain.enabled()) {
            sections.add(chain);
        }
        this.state = new StoreState(types, listeners, sections, entitySections, histories,
                options.idempotencyMaxKeys(), options.idempotencyMaxAge());
        this.planner = new CommitPlanner(state, validators,
                new CommitLimits(options.valueLimits(), options.idempotencyMaxKeyLength()));
        this.observers = new StoreObservers();
        this.pendingAsync = new PendingAsyncCommits(options.maxPendingAsyncCommits(), options.asyncCommitWait());
        this.gate = new StartGate(options.dataDirectory());
    }

    /**
     * Opens (creating if needed) a store of schemaless JSON documents in {@code options.dataDirectory()}
     * and recovers its state.
     *
     * @param options where and how the store stores
     * @return the open store
     * @throws DataDirectoryInUseException when another store, in this process or another, has the
     *                                     directory open; nothing in it was changed
     */
    public static LithairStore open(StoreOptions options) {
        return open(options, List.of());
    }

    /**
     * Opens (creating if needed) the store in {@code options.dataDirectory()} for the given entity
     * types, and recovers its state. Types without a model are stored as JSON documents.
     *
     * @param options where and how the store stores
     * @param models  the entity types' models
     * @return the open store
     */
    public static LithairStore open(StoreOptions options, Collection<? extends EntityModel<?>> models) {
        return open(options, models, List.of());
    }

    /**
     * Opens the store for the given entity types and maintains the given projections, rebuilt from
     * the recovered state.
     *
     * @param options               where and how the store stores
     * @param models                the entity types' models
     * @param projectionDefinitions the projections to maintain
     * @return the open store
     * @throws IllegalArgumentException when two projections share a name or one is over an unknown type
     */
    public static LithairStore open(StoreOptions options, Collection<? extends EntityModel<?>> models,
            Collection<? extends Projection<?, ?, ?>> projectionDefinitions) {
        return open(options, models, projectionDefinitions, null);
    }

    /**
     * Opens the store with commits going through {@code replication} (a replicated log) instead of the
     * local log. The local log is then neither read nor written: the state comes from the replicated
     * log's snapshot and committed entries, which {@code replication} applies before it returns.
     *
     * @param options               where and how the store stores
     * @param models                the entity types' models
     * @param projectionDefinitions the projections to maintain
     * @param replication           opens the commit path; {@code null} for the local log
     * @return the open store
     */
    public static LithairStore open(StoreOptions options, Collection<? extends EntityModel<?>> models,
            Collection<? extends Projection<?, ?, ?>> projectionDefinitions, CommitPath.Factory replication) {
        return create(options, models, projectionDefinitions, replication).start();
    }

    /**
     * A store for the given entity types and projections that is not started yet: nothing in
     * {@code options.dataDirectory()} is read, created or locked until {@link #start()}. Reads and commits
     * before that fail with an {@link IllegalStateException}; {@link #table}, {@link #codecOf},
     * {@link #indexes()}, {@link #projections()} and observers can be taken at once. This lets a container
     * wire the store when it creates its components and open the data directory only when it starts them
     * (a Class Data Sharing or AOT cache training run creates them, then exits without starting them).
     *
     * @param options               where and how the store keeps its data
     * @param models                the entity types it stores
     * @param projectionDefinitions the projections it maintains
     * @param replication           opens the commit path on start; {@code null} for the local log
     * @return the store, not started
     * @throws IllegalArgumentException when two projections share a name or one is over an unknown type
     */
    public static LithairStore create(StoreOptions options, Collection<? extends EntityModel<?>> models,
            Collection<? extends Projection<?, ?, ?>> projectionDefinitions, CommitPath.Factory replication) {
        return new LithairStore(options, models, projectionDefinitions, replication);
    }

    /**
     * Opens the data directory (creating it if needed) and recovers the state: takes the directory's lock,
     * loads the newest readable snapshot and replays the log after it, or, on a replicated log, opens it.
     * Called once; a store whose start failed holds nothing and is not started again (create another).
     *
     * @return this store, open
     * @throws DataDirectoryInUseException when another store, in this process or another, has the
     *                                     directory open; nothing in it was changed
     * @throws IllegalStateException       when the store was already started, or closed
     */
    public LithairStore start() {
        synchronized (gate) {
            gate.beginStart(closed);
            long started = System.nanoTime();
            DataDirectoryLock lock;
            try {
                lock = DataDirectoryLock.acquire(options.dataDirectory());
            } catch (IOException e) {
                gate.failed();
                throw new UncheckedIOException("cannot lock the data directory " + options.dataDirectory(), e);
            } catch (RuntimeException | Error e) {
                gate.failed();
                throw e;
            }
            try {
                opened = recover(lock, started);
                tables.values().forEach(this::bind);
                gate.opened();
                return this;
            } catch (RuntimeException | Error e) {
                gate.failed();
                try {
                    lock.close();
                } catch (IOException | RuntimeException releasing) {
                    e.addSuppressed(releasing);
                }
                throw e;
            }
        }
    }

    /** Recovers the state into this store's structures from a directory this process holds. */
    private Opened recover(DataDirectoryLock lock, long started) {
        try {
            Files.createDirectories(options.dataDirectory());
            StoreMeta meta = StoreMeta.loadOrCreate(options.dataDirectory(), codec);
            snapshots.removeTemporaryFiles();
            if (replication != null) {
                boolean seed = ClusterSeed.isMarked(options.dataDirectory());
                if (seed) {
                    loadSeed(options, codec, snapshots, types, state, chain);
                } else {
                    refuseLocalLog(options);
                }
                CommitPath replicated = replication.open(new StateReplica(options, state, planner, observers));
                if (seed) {
                    // The member's first Raft snapshot holds the restored state now: the restored files would
                    // only be refused at the next start.
                    ClusterSeed.removeLocalData(options.dataDirectory());
                    log.info("The restored data of {} seeded this cluster member at sequence {}; its snapshot and "
                            + "log files were removed", options.dataDirectory(), state.lastSequence());
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                log.info("Lithair store opened on a replicated log in {} ms: last sequence {}", millis,
                        state.lastSequence());
                return new Opened(replicated, meta, new Recovery(0, 0, 0, millis), lock);
            }
            LocalRecovery local = recoverLocally(options, codec, snapshots, types, state, chain);
            long snapshotSequence = local.snapshotSequence();
            long replayed = local.replayed();
            SegmentedLog segmentedLog = local.log();
            LogOpenResult opened = segmentedLog.openResult();
            chain.recoveredUpTo(state.lastSequence());
            state.dropExpiredHistory(); // what expired while the store was closed, or within the replayed log
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Recovery recovery = new Recovery(snapshotSequence, replayed, opened.truncatedBytes(), millis);
            log.info("Lithair store opened in {} ms: snapshot at sequence {}, {} records replayed, last sequence {}, "
                    + "{} entities", millis, snapshotSequence, replayed, state.lastSequence(),
                    state.counts().values().stream().mapToLong(Integer::longValue).sum());
            CommitPath commitPath = new LocalCommitPath(options, state, planner, segmentedLog, snapshots, chain,
                    observers);
            return new Opened(commitPath, meta, recovery, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + options.dataDirectory(), e);
        }
    }

    /** {@return whether {@link #start()} has recovered the state: reads and commits are served from then on} */
    public boolean isStarted() {
        return gate.isOpen();
    }

    /** What {@link #start()} opened; fails clearly before it. */
    private Opened opened() {
        Opened current = opened;
        if (current == null) {
            throw gate.refusal();
        }
        return current;
    }

    /** The state recovered from the local snapshot and log, and the log opened for appending. */
    private record LocalRecovery(long snapshotSequence, long replayed, SegmentedLog log) {
    }

    /** Loads the newest readable snapshot into {@code state}, then replays the log after it. */
    private static LocalRecovery recoverLocally(StoreOptions options, RecordCodec codec, SnapshotStore snapshots,
            EntityTypes types, StoreState state, RecordChain chain) throws IOException {
        long snapshotSequence = snapshots.loadNewest(types, state.restoreTarget()).orElse(0L);
        try (LogReplay replay = new LogReplay(codec, state, chain, snapshotSequence)) {
            SegmentedLog segmentedLog = SegmentedLog.open(options.dataDirectory(), options.segmentBytes(),
                    options.fsyncPolicy() != FsyncPolicy.NEVER, snapshotSequence, replay);
            return new LocalRecovery(snapshotSequence, replay.replayed(), segmentedLog);
        }
    }

    /**
     * Recovers the state a directory restored as a cluster seed holds (its snapshot and log, as a single node
     * opens them), for the cluster member to make it its first Raft snapshot.
     */
    private static void loadSeed(StoreOptions options, RecordCodec codec, SnapshotStore snapshots, EntityTypes types,
            StoreState state, RecordChain chain) throws IOException {
        LocalRecovery seed = recoverLocally(options, codec, snapshots, types, state, chain);
        seed.log().close();
        log.info("Seeding this cluster member with the data restored in {}: snapshot at sequence {}, {} records "
                + "replayed, last sequence {}", options.dataDirectory(), seed.snapshotSequence(), seed.replayed(),
                state.lastSequence());
        if (state.lastSequence() == 0) {
            throw new IllegalStateException(options.dataDirectory() + " is marked as a cluster seed ("
                    + ClusterSeed.MARKER_FILE_NAME + ") but holds no commit: restore a backup into it, or remove "
                    + "the marker to start this member empty");
        }
    }

    /**
     * A data directory with a local log or snapshots holds a single node's data, which a replicated store
     * would silently ignore (its state comes from the cluster): refused, nothing is changed.
     */
    private static void refuseLocalLog(StoreOptions options) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(options.dataDirectory())) {
            List<String> local = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("events-\\d+\\.raftlog|state-\\d+\\.raftsnap")).sorted().toList();
            if (!local.isEmpty()) {
                throw new IllegalStateException(options.dataDirectory() + " holds the local log of a single node ("
                        + local.get(0) + (local.size() > 1 ? " and " + (local.size() - 1) + " more" : "")
                        + "), which a cluster member would ignore: start the cluster on an empty data directory "
                        + "(and load the data through the cluster), seed the cluster with it (back it up, then "
                        + "restore the backup with --cluster-seed), or run this node alone");
            }
        }
    }

    /**
     * Commits atomically and waits until the commit is durable under the fsync policy. The calling
     * thread takes part: when no other thread is writing or forcing, it does so itself (for every
     * commit waiting, in order) rather than handing the work to the store's threads and waiting to
     * be woken.
     *
     * @param commit the commit
     * @return what it did
     */
    public CommitResult commit(Commit commit) {
        return opened().commitPath().commit(commit);
    }

    /**
     * {@link #commit(Commit)}, telling {@code trace}, on the calling thread before it returns, how long the
     * commit waited for its force. A replicated store tells nothing: its force happens on the members.
     *
     * @param commit the commit
     * @param trace  told how long the commit waited for its force
     * @return what it did
     */
    public CommitResult commit(Commit commit, CommitTrace trace) {
        return opened().commitPath().commit(commit, trace);
    }

    /**
     * Commits atomically; the future completes once the commit is durable under the fsync policy.
     * Back-pressure: with {@link StoreOptions#maxPendingAsyncCommits()} futures not yet completed, the call
     * waits for one to complete, up to {@link StoreOptions#asyncCommitWait()}, and past that returns a future
     * failed with {@link StoreUnavailableException} (the commit is not queued).
     *
     * @param commit the commit
     * @return what it did, once done
     */
    public CompletableFuture<CommitResult> commitAsync(Commit commit) {
        return pendingAsync.submit(commit, opened().commitPath()::commitAsync);
    }

    /**
     * Returns once reads on this node see every commit acknowledged anywhere before the call, when
     * {@code consistency} asks for it (a follower confirms with the leader); at once on a single node.
     *
     * @param consistency the consistency the reads need
     */
    public void awaitReadable(ReadConsistency consistency) {
        opened().commitPath().awaitReadable(consistency);
    }

    /**
     * How this store commits: its local log, or a replicated log.
     *
     * @return the commit path
     */
    public CommitPath commitPath() {
        return opened().commitPath();
    }

    /**
     * Whether commits go through a replicated log rather than this store's local log; known before start.
     *
     * @return whether commits are replicated
     */
    public boolean isReplicated() {
        return replication != null;
    }

    /**
     * The entity's current state as JSON (its event payload form), read-only; empty when absent.
     * Never blocks.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @return its state, or empty
     */
    public Optional<ObjectNode> get(String entityType, String entityId) {
        gate.check();
        Object stored = state.get(entityType, entityId);
        return stored == null ? Optional.empty() : Optional.of(state.types().codec(entityType).toPayload(stored));
    }

    /**
     * All live entities of a type as JSON, read-only.
     *
     * @param entityType the entity type's name
     * @return their states
     */
    public List<ObjectNode> all(String entityType) {
        gate.check();
        EntityCodec<Object> codec = state.types().codec(entityType);
        return state.all(entityType).stream().map(codec::toPayload).toList();
    }

    /**
     * The entity of a registered type; a copy when the type is mutable. Never blocks.
     *
     * @param type     a registered type
     * @param entityId the entity's id
     * @param <T>      the entity type
     * @return the entity, or empty
     */
    public <T> Optional<T> find(Class<T> type, String entityId) {
        return table(type).find(entityId);
    }

    /**
     * The live entities of a registered type, for repeated reads without looking the type up each time.
     *
     * @param type a registered type
     * @param <T>  the entity type
     * @return its table
     */
    @SuppressWarnings("unchecked")
    public <T> EntityTable<T> table(Class<T> type) {
        // Under the start's lock: a table is bound to its map either here, once started, or by the start.
        synchronized (gate) {
            return (EntityTable<T>) tables.computeIfAbsent(type, t -> {
                EntityTable<T> table = new EntityTable<>(codecOf(type), gate);
                if (gate.isOpen()) {
                    bind(table);
                }
                return table;
            });
        }
    }

    /**
     * Gives a table its type's map, once the state is recovered: a snapshot's restore makes a map sized
     * for what it loads, where a map made with a repository, before the store opened, would have grown
     * to a million entries a dozen times over.
     */
    private void bind(EntityTable<?> table) {
        table.bind(state.liveTable(table.codec().typeName()));
    }

    /**
     * All live entities of a registered type, in no particular order.
     *
     * @param type a registered type
     * @param <T>  the entity type
     * @return the entities
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> findAll(Class<T> type) {
        gate.check();
        EntityCodec<T> codec = codecOf(type);
        return state.all(codec.typeName()).stream().map(entity -> codec.exposed((T) entity)).toList();
    }

    /**
     * Number of live entities of a type.
     *
     * @param entityType the entity type's name
     * @return the number of live entities
     */
    public int count(String entityType) {
        gate.check();
        return state.size(entityType);
    }

    /**
     * The codec of a registered type; fails clearly for a type the store was not opened with.
     *
     * @param type a registered type
     * @param <T>  the entity type
     * @return its codec
     */
    public <T> EntityCodec<T> codecOf(Class<T> type) {
        EntityCodec<T> codec = state.types().codec(type);
        if (codec == null) {
            throw new IllegalArgumentException(type.getName() + " is not an entity type of this store");
        }
        return codec;
    }

    /**
     * The projections this store was opened with, readable in O(1) from any thread.
     *
     * @return the projections
     */
    public Projections projections() {
        return projections;
    }

    /**
     * All retained changes of all fields of an entity, oldest first, as its fields' history policies
     * keep them; empty for a schemaless type. A deleted entity keeps its history. Never blocks.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @return the changes
     */
    public List<FieldChange> history(String entityType, String entityId) {
        gate.check();
        return histories.history(entityType, entityId);
    }

    /**
     * The retained changes of one field (by its name or a former name), oldest first. Never blocks.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @param field      the field's name
     * @return the changes
     */
    public List<FieldChange> history(String entityType, String entityId, String field) {
        gate.check();
        return histories.history(entityType, entityId, field);
    }

    /**
     * The entity as it was at {@code instant}, as far as its retained history shows. Never blocks.
     *
     * @param type     a registered type
     * @param entityId the entity's id
     * @param instant  the past instant
     * @param <T>      the entity type
     * @return the entity then, with what its history could not tell
     */
    public <T> AsOf<T> findAsOf(Class<T> type, String entityId, Instant instant) {
        gate.check();
        return histories.asOf(codecOf(type), entityId, instant);
    }

    /**
     * Every erasure applied ({@link dev.lithair.store.spi.Operation.Erase}), oldest first: what was erased, by
     * whom and when, and nothing of its values. Kept across compaction and restarts.
     *
     * @return the erasures
     */
    public List<Erasure> erasures() {
        gate.check();
        return erasures.all();
    }

    /**
     * Field changes retained in memory over all entities, for monitoring.
     *
     * @return the number of retained changes
     */
    public long retainedHistoryChanges() {
        gate.check();
        return histories.retainedChanges();
    }

    /**
     * Sequence of the last applied event.
     *
     * @return the sequence
     */
    public long lastSequence() {
        gate.check();
        return state.lastSequence();
    }

    /**
     * Takes a snapshot now; the future completes when it is on disk and old segments are compacted.
     *
     * @return the snapshot, once on disk
     */
    public CompletableFuture<SnapshotInfo> snapshot() {
        return opened().commitPath().snapshot();
    }

    /**
     * Snapshots the state, verifies the snapshot reads back, then deletes every older snapshot and
     * every log segment it covers: the smallest data directory that still recovers the same state.
     *
     * @return the snapshot kept, once done
     */
    public CompletableFuture<SnapshotInfo> compact() {
        return opened().commitPath().compact();
    }

    /**
     * Backs the store up while commits go on: writes a new folder in {@code backupDirectory} (created if
     * missing), named {@code backup-<UTC time>-<sequence>} so that names sort by time, holding the store up to the
     * last sequence written when the backup began, with the layout of a data directory and a manifest written
     * last. The writer is held only to note where the log ends; the files are linked or copied on the snapshot
     * thread, between snapshots. Restore it with {@link dev.lithair.backup.Backups#restore} or the CLI; see
     * {@code docs/backup.md}.
     *
     * @param backupDirectory the directory of backup folders; the backup is a new folder in it
     * @return completes with the backup once its manifest is on disk; fails when the store is closed or cannot
     *         write its log, or when copying fails (the folder is then removed)
     * <p>On a cluster member the backup is its newest Raft snapshot, taken for it: the state at that sequence,
     * without a log to reach earlier instants.
     *
     * @throws UnsupportedOperationException on a replicated log that does not support backups
     */
    public CompletableFuture<BackupInfo> backup(Path backupDirectory) {
        return opened().commitPath().backup(backupDirectory);
    }

    /**
     * A consistent-enough view for monitoring; sizes are read on the writer thread.
     *
     * @return the statistics
     */
    public StoreStats stats() {
        return opened().commitPath().stats();
    }

    /**
     * The declared indexes, for lookups by indexed field; see {@link Indexes} for what a reader may observe.
     *
     * @return the indexes
     */
    public Indexes indexes() {
        return indexes;
    }

    /** {@return how {@link #start()} recovered the state, and how long it took} */
    public Recovery recovery() {
        return opened().recovery();
    }

    /**
     * Notifies {@code observer} of every later commit and snapshot, until it is removed.
     *
     * @param observer the observer
     */
    public void addObserver(StoreObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Stops notifying {@code observer}.
     *
     * @param observer an observer added before
     */
    public void removeObserver(StoreObserver observer) {
        observers.remove(observer);
    }

    /**
     * Whether {@link #close()} was called: the store then refuses commits and control operations.
     *
     * @return whether it is closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Why the store refuses commits now, when a write or force of its log failed (a full disk, an I/O
     * error): it retries on its own and accepts commits again, without a restart, once the disk takes
     * writes; this is then empty again. Empty while the store can write.
     *
     * @return the failure, or empty
     */
    public Optional<Throwable> haltCause() {
        return opened().commitPath().haltCause();
    }

    /** {@return the data directory's metadata} */
    public StoreMeta meta() {
        return opened().meta();
    }

    /** {@return the options the store was opened with} */
    public StoreOptions options() {
        return options;
    }

    /**
     * Stops accepting commits, finishes those already submitted, forces the log and releases files. A store
     * that was never started has nothing to release and can no longer be started.
     */
    @Override
    public void close() {
        synchronized (gate) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Opened current = opened;
        if (current == null) {
            return;
        }
        try {
            current.commitPath().close();
        } finally {
            try {
                current.lock().close();
            } catch (IOException e) {
                log.warn("Releasing the lock of {} failed", options.dataDirectory(), e);
            }
        }
    }
}
