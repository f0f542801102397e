package dev.lithair.spring.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

import dev.lithair.model.EntityModel;
import dev.lithair.projection.Projection;
import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreObserver;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.StoreStats;

/**
 * The stores of the tenants, one per tenant under {@code {data-dir}/tenants/{tenant}}: opened (and recovered)
 * on first use, closed after {@code idleTimeout} unused, and at most {@code maxOpen} open at once, the least
 * recently used closed first, so that a node holds thousands of tenants of which a few hundred are active.
 * A store in use ({@link OpenTenant#pin pinned} by a call or a transaction) is never closed: when every open
 * store is in use, one more opens beyond the cap, and the cap is restored as they are released. A tenant is
 * off-boarded by {@link #delete}, which closes its store and deletes its folder, never under a user.
 *
 * <p>In a cluster, each store commits through the tenant's own Raft group, whose files live in
 * {@code tenants/{tenant}/raft}; the group's leader decides when the group sleeps (the idle timeout, the cap),
 * and every member then closes its store ({@link #closeForPeers}); replicated stores are not deleted.
 *
 * <p>A tenant id is checked ({@link TenantIds}) before any file is touched, and so is its case: two ids that
 * differ only by case would share one folder on a case-insensitive file system, so an id whose lower-case
 * form is that of an existing tenant's folder is refused.
 *
 * <p>Thread-safe. Using an open store costs a map lookup and a pin; opening and closing stores is done under
 * one lock, so that a tenant's store is never opened while its previous one is still closing. Nothing is read
 * or created on disk, and no thread started, before the first tenant is used.
 */
public final class TenantStores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantStores.class);

    /** The folder of the tenants' folders, inside the data directory. */
    public static final String TENANTS_FOLDER = "tenants";

    /**
     * What the admin route shows of one tenant.
     *
     * @param tenant       the tenant id
     * @param open         whether its store is open now
     * @param entities     the live entities of an open store, {@code null} for a closed one
     * @param lastSequence the last sequence of an open store, {@code null} for a closed one
     */
    public record Status(String tenant, boolean open, Long entities, Long lastSequence) {
    }

    private final Path tenantsDirectory;
    private final StoreOptions options;
    private final List<EntityModel<?>> models;
    private final List<Projection<?, ?, ?>> projections;
    private final Function<LithairStore, LithairCommitter> committers;
    private final Function<LithairCommitter, LithairTemplate> templates;
    private final int maxOpen;
    private final Duration idleTimeout;
    private final BiFunction<String, Path, CommitPath.Factory> commitPaths;

    private final ConcurrentHashMap<String, OpenTenant> open = new ConcurrentHashMap<>();
    private final List<Function<String, StoreObserver>> observers = new CopyOnWriteArrayList<>();
    /** Guards opening, closing, {@link #folders} and {@link #sweeper}. */
    private final Object lock = new Object();
    /** The tenant folders on disk, by lower-case id; read from disk on first use. */
    private Map<String, String> folders;
    private ScheduledExecutorService sweeper;
    private boolean closed;

    /**
     * The tenants' stores.
     *
     * @param options     the options of every tenant's store; their data directory is the application's, and
     *                    each tenant's store lives in {@code tenants/{tenant}} inside it
     * @param models      the entity types of every store
     * @param projections the projections of every store
     * @param committers  makes the committer of a store
     * @param templates   makes the operations of a committer's store
     * @param maxOpen     the most stores open at once, unless all are in use
     * @param idleTimeout how long an unused store stays open
     */
    public TenantStores(StoreOptions options, Collection<? extends EntityModel<?>> models,
            List<Projection<?, ?, ?>> projections, Function<LithairStore, LithairCommitter> committers,
            Function<LithairCommitter, LithairTemplate> templates, int maxOpen, Duration idleTimeout) {
        this(options, models, projections, committers, templates, maxOpen, idleTimeout, null);
    }

    /**
     * The tenants' stores, each committing through the commit path {@code commitPaths} gives it: in a cluster,
     * the tenant's own Raft group. A replicated store is not closed by this member's own idle timeout and cap:
     * a member closing its part of a group alone would be asked for it again by the group's leader at its next
     * heartbeat, and a leader closing it would stop the tenant's writes until the others elect a new one. The
     * cluster puts the group to sleep on every member instead, and each closes its store
     * ({@link #closeForPeers}).
     *
     * @param options     the options of every tenant's store; their data directory is the application's, and
     *                    each tenant's store lives in {@code tenants/{tenant}} inside it
     * @param models      the entity types of every store
     * @param projections the projections of every store
     * @param committers  makes the committer of a store
     * @param templates   makes the operations of a committer's store
     * @param maxOpen     the most stores open at once, unless all are in use (in a cluster, applied by the groups'
     *                    leaders)
     * @param idleTimeout how long an unused store stays open (in a cluster, a group without writes)
     * @param commitPaths the commit path of a tenant's store from the tenant id and the directory of its Raft
     *                    files ({@code tenants/{tenant}/raft}); {@code null} for stores on their local log
     */
    public TenantStores(StoreOptions options, Collection<? extends EntityModel<?>> models,
            List<Projection<?, ?, ?>> projections, Function<LithairStore, LithairCommitter> committers,
            Function<LithairCommitter, LithairTemplate> templates, int maxOpen, Duration idleTimeout,
            BiFunction<String, Path, CommitPath.Factory> commitPaths) {
        this.commitPaths = commitPaths;
        this.options = Objects.requireNonNull(options, "options");
        this.tenantsDirectory = options.dataDirectory().resolve(TENANTS_FOLDER);
        this.models = List.copyOf(models);
        this.projections = List.copyOf(projections);
        this.committers = Objects.requireNonNull(committers, "committers");
        this.templates = Objects.requireNonNull(templates, "templates");
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1");
        }
        this.maxOpen = maxOpen;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** {@return the folder that holds one folder per tenant} */
    public Path tenantsDirectory() {
        return tenantsDirectory;
    }

    /**
     * The tenant's open store, pinned: opened and recovered first if it is not open. The caller must
     * {@link #release} it when done, in a {@code finally}.
     *
     * @param tenant the tenant id
     * @return the tenant's store, pinned
     * @throws InvalidDataAccessApiUsageException when the id is invalid or differs only by case from an
     *         existing tenant's; then no file was touched
     */
    public OpenTenant acquire(String tenant) {
        OpenTenant current = tenant == null ? null : open.get(tenant);
        if (current != null && current.pin()) {
            return current;
        }
        return openPinned(TenantIds.checked(tenant), true);
    }

    /**
     * The tenant's store, pinned, only if the tenant has a folder: for the admin routes, which must not create
     * a tenant by reading it. The caller must {@link #release} it when done, in a {@code finally}.
     *
     * @param tenant the tenant id
     * @return the tenant's store, pinned, or empty when the tenant has no folder (then nothing was created)
     * @throws InvalidDataAccessApiUsageException when the id is invalid; then no file was touched
     */
    public Optional<OpenTenant> acquireExisting(String tenant) {
        OpenTenant current = tenant == null ? null : open.get(tenant);
        if (current != null && current.pin()) {
            return Optional.of(current);
        }
        return Optional.ofNullable(openPinned(TenantIds.checked(tenant), false));
    }

    /**
     * Ends a use begun by {@link #acquire}.
     *
     * @param tenant the store {@link #acquire} gave
     */
    public void release(OpenTenant tenant) {
        tenant.unpin();
    }

    /** Opens and pins the tenant's store; without {@code create}, only if it has a folder, else {@code null}. */
    private OpenTenant openPinned(String tenant, boolean create) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The tenants' stores are closed: the application is stopping");
            }
            OpenTenant current = open.get(tenant);
            if (current != null && current.pin()) {
                return current; // another thread opened it meanwhile
            }
            if (!create && !hasFolder(tenant)) {
                return null;
            }
            refuseCaseClash(tenant);
            folders().put(lowerCase(tenant), tenant); // before opening: a failed start may leave the folder
            OpenTenant opened = openStore(tenant);
            opened.pin();
            open.put(tenant, opened);
            closeLeastRecentlyUsed();
            if (!replicated()) {
                startSweeper();
            }
            return opened;
        }
    }

    private void refuseCaseClash(String tenant) {
        String existing = folders().get(lowerCase(tenant));
        if (existing != null && !existing.equals(tenant)) {
            throw new InvalidDataAccessApiUsageException("The tenant id '" + tenant + "' is refused: it differs "
                    + "only by case from the tenant '" + existing + "', and both would share one folder on a "
                    + "case-insensitive file system");
        }
    }

    private OpenTenant openStore(String tenant) {
        Path directory = tenantsDirectory.resolve(tenant);
        if (!directory.normalize().getParent().equals(tenantsDirectory.normalize())) {
            throw new IllegalStateException("tenant folder outside " + tenantsDirectory + ": " + directory);
        }
        if (commitPaths == null && Files.isDirectory(directory.resolve("raft"))) {
            throw new InvalidDataAccessResourceUsageException("The folder of tenant " + tenant + " holds a cluster "
                    + "member's Raft log (raft/), which a single node would ignore, starting the tenant empty: set "
                    + "lithair.cluster.enabled=true to run this member in its cluster, or point lithair.data-dir "
                    + "elsewhere");
        }
        CommitPath.Factory commitPath = commitPaths == null ? null : commitPaths.apply(tenant, directory.resolve("raft"));
        LithairStore store = LithairStore.create(options.withDataDirectory(directory), models, projections, commitPath);
        observers.forEach(observerOf -> store.addObserver(observerOf.apply(tenant)));
        try {
            store.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.debug("Opened the store of tenant {} in {}", tenant, directory);
        LithairCommitter committer = committers.apply(store);
        return new OpenTenant(tenant, store, committer, templates.apply(committer));
    }

    /** Closes the least recently used unpinned stores while more than {@code maxOpen} are open. */
    private void closeLeastRecentlyUsed() {
        if (replicated() || open.size() <= maxOpen) {
            return;
        }
        List<OpenTenant> byAge = new ArrayList<>(open.values());
        byAge.sort(Comparator.comparingLong(OpenTenant::lastUsedNanos));
        for (OpenTenant candidate : byAge) {
            if (open.size() <= maxOpen) {
                return;
            }
            closeIfUnused(candidate);
        }
        log.debug("{} tenant stores open, over lithair.tenancy.max-open={}: all are in use", open.size(), maxOpen);
    }

    /** Closes the stores unused for longer than the idle timeout. */
    void closeIdle() {
        if (replicated()) {
            return;
        }
        long now = System.nanoTime();
        synchronized (lock) {
            for (OpenTenant candidate : List.copyOf(open.values())) {
                if (now - candidate.lastUsedNanos() >= idleTimeout.toNanos()) {
                    closeIfUnused(candidate);
                }
            }
        }
    }

    /** Under the lock: closes the store if nobody uses it. */
    private void closeIfUnused(OpenTenant candidate) {
        if (candidate.closeIfUnused()) {
            open.remove(candidate.id(), candidate);
            closeQuietly(candidate);
        }
    }

    private static void closeQuietly(OpenTenant tenant) {
        try {
            tenant.store().close();
            log.debug("Closed the store of tenant {}", tenant.id());
        } catch (RuntimeException e) {
            log.warn("Closing the store of tenant {} failed", tenant.id(), e);
        }
    }

    private void startSweeper() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lithair-tenant-idle-close");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleTimeout.toNanos() / 2);
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                closeIdle();
            } catch (RuntimeException e) {
                log.warn("Closing idle tenant stores failed", e);
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Off-boards a tenant: closes its store and deletes its folder. Its id can be used again afterwards, and
     * then starts empty.
     *
     * <p>A store in use by a running call or transaction is not deleted under it: the deletion is refused, and
     * the operator tries again once the work is done (waiting instead would hold every other tenant's opening
     * behind one long transaction). The folder is first renamed to a name no tenant id can have, then deleted,
     * so a deletion cut short leaves no half-deleted tenant that would open as a damaged store.
     *
     * @param tenant the tenant id
     * @return {@code true} when it was deleted, {@code false} when it has no folder (then nothing changed)
     * @throws InvalidDataAccessApiUsageException when the id is invalid; then no file was touched
     * @throws ConcurrencyFailureException when a call or transaction is using its store; then nothing changed
     * @throws InvalidDataAccessApiUsageException in a cluster ({@link #replicated}), where deleting is not
     *         supported yet; then nothing changed
     */
    public boolean delete(String tenant) {
        TenantIds.checked(tenant);
        if (replicated()) {
            throw new InvalidDataAccessApiUsageException("The tenant '" + tenant + "' is not deleted: deleting a "
                    + "tenant in a cluster is not supported yet (its group runs on every member); nothing changed");
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The tenants' stores are closed: the application is stopping");
            }
            if (!hasFolder(tenant)) {
                return false;
            }
            OpenTenant current = open.get(tenant);
            if (current != null) {
                if (!current.closeIfUnused()) {
                    throw new ConcurrencyFailureException("The tenant '" + tenant + "' is in use by a running call "
                            + "or transaction: its store is not deleted; try again once that work is done");
                }
                open.remove(tenant, current);
                closeQuietly(current);
            }
            Path doomed = tenantsDirectory.resolve(".deleting-" + tenant + "-" + System.nanoTime());
            try {
                Files.move(tenantsDirectory.resolve(tenant), doomed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                folders.remove(lowerCase(tenant)); // removed by hand meanwhile
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the folder of tenant " + tenant + " aside", e);
            }
            folders.remove(lowerCase(tenant));
            deleteRecursively(doomed);
            log.info("Deleted the store of tenant {}", tenant);
            return true;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the tenant's data is gone from its folder, but deleting " + directory
                    + " failed: delete it by hand", e);
        }
    }

    /** Under the lock: whether the tenant has a folder, named exactly so. */
    private boolean hasFolder(String tenant) {
        return tenant.equals(folders().get(lowerCase(tenant)));
    }

    /**
     * Adds an observer to every tenant's store, open now or opened later: for meters per tenant.
     *
     * @param observerOfTenant makes the observer of the store of the tenant it is given
     */
    public void addObserver(Function<String, StoreObserver> observerOfTenant) {
        Objects.requireNonNull(observerOfTenant, "observerOfTenant");
        synchronized (lock) {
            observers.add(observerOfTenant);
            open.values().forEach(tenant -> tenant.store().addObserver(observerOfTenant.apply(tenant.id())));
        }
    }

    /** Under the lock: the tenants' folders by lower-case id, listed from disk once. */
    private Map<String, String> folders() {
        if (folders == null) {
            Map<String, String> found = new HashMap<>();
            if (Files.isDirectory(tenantsDirectory)) {
                try (Stream<Path> entries = Files.list(tenantsDirectory)) {
                    entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                            .filter(TenantIds::isValid).forEach(name -> found.put(lowerCase(name), name));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the tenants in " + tenantsDirectory, e);
                }
            }
            folders = found;
        }
        return folders;
    }

    private static String lowerCase(String tenant) {
        return tenant.toLowerCase(Locale.ROOT);
    }

    /**
     * Every tenant with a folder, in id order: whether its store is open and, if it is, its entity count and
     * last sequence.
     *
     * @return the tenants
     */
    public List<Status> list() {
        Map<String, Status> statuses = new TreeMap<>();
        synchronized (lock) {
            for (String tenant : folders().values()) {
                statuses.put(tenant, new Status(tenant, false, null, null));
            }
        }
        for (OpenTenant tenant : open.values()) {
            if (tenant.pin()) {
                try {
                    StoreStats stats = tenant.store().stats();
                    long entities = stats.entityCounts().values().stream().mapToLong(Integer::longValue).sum();
                    statuses.put(tenant.id(), new Status(tenant.id(), true, entities, stats.lastSequence()));
                } finally {
                    tenant.unpin();
                }
            }
        }
        return List.copyOf(statuses.values());
    }

    /**
     * Opens the tenant's store, unless it is open, because a cluster peer asked something of the tenant's group;
     * does nothing once the stores are closed (the application is stopping).
     *
     * @param tenant the tenant id
     * @throws InvalidDataAccessApiUsageException when the id is invalid or differs only by case from an
     *         existing tenant's; then no file was touched
     */
    public void openForPeer(String tenant) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        release(acquire(tenant));
    }

    /**
     * Closes the tenant's store, unless a call or a transaction uses it, because its group went to sleep on
     * every cluster member; it opens again on its next use.
     *
     * @param tenant the tenant id
     * @return whether it is closed now (or was not open)
     */
    public boolean closeForPeers(String tenant) {
        synchronized (lock) {
            OpenTenant current = open.get(tenant);
            if (current == null) {
                return true;
            }
            if (!current.closeIfUnused()) {
                return false;
            }
            open.remove(tenant, current);
            closeQuietly(current);
            return true;
        }
    }

    /**
     * {@return whether the stores commit through the cluster: then the cluster closes them ({@link #closeForPeers})
     * and none is deleted}
     */
    public boolean replicated() {
        return commitPaths != null;
    }

    /** {@return how many tenant stores are open now} */
    public int openCount() {
        return open.size();
    }

    /** {@return how many tenants have a folder, open or not} */
    public int knownCount() {
        synchronized (lock) {
            return folders().size();
        }
    }

    /** Closes every tenant's store; no store opens afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            for (OpenTenant tenant : List.copyOf(open.values())) {
                open.remove(tenant.id());
                closeQuietly(tenant);
            }
        }
    }
}
