package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.store.FsyncPolicy;

/**
 * Configuration of Lithair, under {@code lithair.*}.
 *
 * <p>The values are checked when they are bound: a bad value stops start-up with a message naming the
 * property, where it was set and what is allowed. (The class validates itself, so no Bean Validation
 * provider is needed.)
 *
 * <p>Over 500 lines: the whole {@code lithair.*} tree is one class with a nested class per group, as
 * Boot's own {@code ServerProperties} is, so that one file shows every property and its check.
 */
@ConfigurationProperties("lithair")
public class LithairProperties implements Validator {

    /** Directory of the event log, snapshots and metadata; created when missing. */
    private Path dataDir = Path.of("./data");

    /**
     * Entity type name per entity class, keyed by fully qualified class name (use brackets:
     * {@code lithair.entity-names[com.example.Product]=Item}). The name appears in events, admin routes and
     * metrics; by default it is the simple class name.
     */
    private Map<String, String> entityNames = new LinkedHashMap<>();

    private final Storage storage = new Storage();

    private final Snapshot snapshot = new Snapshot();

    private final History history = new History();

    private final Idempotency idempotency = new Idempotency();

    private final Admin admin = new Admin();

    private final Cluster cluster = new Cluster();

    private final Backup backup = new Backup();

    private final Tenancy tenancy = new Tenancy();

    /** Bound by Spring Boot from {@code lithair.*}. */
    public LithairProperties() {
    }

    /** {@return {@code lithair.data-dir}} */
    public Path getDataDir() {
        return dataDir;
    }

    /**
     * Sets {@code lithair.data-dir}.
     *
     * @param dataDir the new value
     */
    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** {@return {@code lithair.entity-names}} */
    public Map<String, String> getEntityNames() {
        return entityNames;
    }

    /**
     * Sets {@code lithair.entity-names}.
     *
     * @param entityNames the new value
     */
    public void setEntityNames(Map<String, String> entityNames) {
        this.entityNames = entityNames;
    }

    /** {@return the {@code lithair.storage.*} properties} */
    public Storage getStorage() {
        return storage;
    }

    /** {@return the {@code lithair.snapshot.*} properties} */
    public Snapshot getSnapshot() {
        return snapshot;
    }

    /** {@return the {@code lithair.history.*} properties} */
    public History getHistory() {
        return history;
    }

    /** {@return the {@code lithair.idempotency.*} properties} */
    public Idempotency getIdempotency() {
        return idempotency;
    }

    /** {@return the {@code lithair.admin.*} properties} */
    public Admin getAdmin() {
        return admin;
    }

    /** {@return the {@code lithair.cluster.*} properties} */
    public Cluster getCluster() {
        return cluster;
    }

    /** {@return the {@code lithair.backup.*} properties} */
    public Backup getBackup() {
        return backup;
    }

    /** {@return the {@code lithair.tenancy.*} properties} */
    public Tenancy getTenancy() {
        return tenancy;
    }

    /** How the event log is written. */
    public static class Storage {

        /**
         * When the log is forced to disk: 'always' (every commit is durable before it returns), 'batch'
         * (forced at most every fsync-interval; a crash may lose the last interval) or 'never' (left to
         * the operating system).
         */
        private FsyncPolicy fsync = FsyncPolicy.ALWAYS;

        /** With fsync 'batch', the longest time written commits stay unforced. */
        private Duration fsyncInterval = Duration.ofMillis(10);

        /**
         * Format of new records and snapshots: 'json' (readable with any tool) or 'binary' (Jackson Smile,
         * smaller and faster). Data written in the other format stays readable.
         */
        private StorageFormat format = StorageFormat.JSON;

        /** Size at which the active log segment is closed and a new one started. */
        private DataSize segmentSize = DataSize.ofMegabytes(64);

        /**
         * Whether each record carries the SHA-256 of the record before it, checked at start-up, so that a
         * record altered on disk (even with its checksum recomputed) is detected.
         */
        private boolean hashChain = false;

        @NestedConfigurationProperty
        private final LithairStorageLimits limits = new LithairStorageLimits();

        private final AsyncCommits asyncCommits = new AsyncCommits();

        /** Bound by Spring Boot from {@code lithair.storage.*}. */
        public Storage() {
        }

        /** {@return {@code lithair.storage.fsync}} */
        public FsyncPolicy getFsync() {
            return fsync;
        }

        /**
         * Sets {@code lithair.storage.fsync}.
         *
         * @param fsync the new value
         */
        public void setFsync(FsyncPolicy fsync) {
            this.fsync = fsync;
        }

        /** {@return {@code lithair.storage.fsync-interval}} */
        public Duration getFsyncInterval() {
            return fsyncInterval;
        }

        /**
         * Sets {@code lithair.storage.fsync-interval}.
         *
         * @param fsyncInterval the new value
         */
        public void setFsyncInterval(Duration fsyncInterval) {
            this.fsyncInterval = fsyncInterval;
        }

        /** {@return {@code lithair.storage.format}} */
        public StorageFormat getFormat() {
            return format;
        }

        /**
         * Sets {@code lithair.storage.format}.
         *
         * @param format the new value
         */
        public void setFormat(StorageFormat format) {
            this.format = format;
        }

        /** {@return {@code lithair.storage.segment-size}} */
        public DataSize getSegmentSize() {
            return segmentSize;
        }

        /**
         * Sets {@code lithair.storage.segment-size}.
         *
         * @param segmentSize the new value
         */
        public void setSegmentSize(DataSize segmentSize) {
            this.segmentSize = segmentSize;
        }

        /** {@return {@code lithair.storage.hash-chain}} */
        public boolean isHashChain() {
            return hashChain;
        }

        /**
         * Sets {@code lithair.storage.hash-chain}.
         *
         * @param hashChain the new value
         */
        public void setHashChain(boolean hashChain) {
            this.hashChain = hashChain;
        }

        /** {@return {@code lithair.storage.limits}} */
        public LithairStorageLimits getLimits() {
            return limits;
        }

        /** {@return the {@code lithair.storage.async-commits.*} properties} */
        public AsyncCommits getAsyncCommits() {
            return asyncCommits;
        }

        /**
         * Back-pressure on asynchronous commits (the store's commitAsync): how many may wait unanswered, and
         * how long one more waits for room before it is refused as the store being unavailable.
         */
        public static class AsyncCommits {

            /** Asynchronous commits accepted and not yet answered. */
            private int maxPending = 32_768;

            /**
             * How long a commit past max-pending waits for an earlier one to be answered before it is refused;
             * 0 refuses at once.
             */
            private Duration waitForRoom = Duration.ofSeconds(1);

            /** Bound by Spring Boot from {@code lithair.storage.async-commits.*}. */
            public AsyncCommits() {
            }

            /** {@return {@code lithair.storage.async-commits.max-pending}} */
            public int getMaxPending() {
                return maxPending;
            }

            /**
             * Sets {@code lithair.storage.async-commits.max-pending}.
             *
             * @param maxPending the new value
             */
            public void setMaxPending(int maxPending) {
                this.maxPending = maxPending;
            }

            /** {@return {@code lithair.storage.async-commits.wait-for-room}} */
            public Duration getWaitForRoom() {
                return waitForRoom;
            }

            /**
             * Sets {@code lithair.storage.async-commits.wait-for-room}.
             *
             * @param waitForRoom the new value
             */
            public void setWaitForRoom(Duration waitForRoom) {
                this.waitForRoom = waitForRoom;
            }
        }
    }

    /** Where online backups ({@code POST {admin}/backups}) are written. */
    public static class Backup {

        /**
         * The directory that receives one folder per backup; by default {@code {data-dir}-backups}, beside the
         * data directory (on the same file system, so a backup links the log's sealed files instead of copying
         * them).
         */
        private Path directory;

        /** Bound by Spring Boot from {@code lithair.backup.*}. */
        public Backup() {
        }

        /** {@return {@code lithair.backup.directory}} */
        public Path getDirectory() {
            return directory;
        }

        /**
         * Sets {@code lithair.backup.directory}.
         *
         * @param directory the new value
         */
        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        /**
         * The directory backups go to: the one set, else {@code {data-dir}-backups}.
         *
         * @param dataDir the data directory
         * @return the backup directory
         */
        public Path resolveDirectory(Path dataDir) {
            if (directory != null) {
                return directory;
            }
            Path absolute = dataDir.toAbsolutePath().normalize();
            return absolute.resolveSibling(absolute.getFileName() + "-backups");
        }
    }

    /** When snapshots are taken and how many are kept. */
    public static class Snapshot {

        /** Take a snapshot after this many events; 0 takes them only on demand (admin route or API). */
        private long everyEvents = 100_000;

        /**
         * Snapshots kept on disk; more than one lets start-up fall back to an older one when the newest is
         * unreadable.
         */
        private int retained = 2;

        /** Bound by Spring Boot from {@code lithair.snapshot.*}. */
        public Snapshot() {
        }

        /** {@return {@code lithair.snapshot.every-events}} */
        public long getEveryEvents() {
            return everyEvents;
        }

        /**
         * Sets {@code lithair.snapshot.every-events}.
         *
         * @param everyEvents the new value
         */
        public void setEveryEvents(long everyEvents) {
            this.everyEvents = everyEvents;
        }

        /** {@return {@code lithair.snapshot.retained}} */
        public int getRetained() {
            return retained;
        }

        /**
         * Sets {@code lithair.snapshot.retained}.
         *
         * @param retained the new value
         */
        public void setRetained(int retained) {
            this.retained = retained;
        }
    }

    /** Field history. */
    public static class History {

        /**
         * History policy of fields without @Historize: 'none' (keep no changes) or 'full' (keep every
         * change).
         */
        private HistoryPolicy defaultPolicy = HistoryPolicy.NONE;

        /** Bound by Spring Boot from {@code lithair.history.*}. */
        public History() {
        }

        /** {@return {@code lithair.history.default-policy}} */
        public HistoryPolicy getDefaultPolicy() {
            return defaultPolicy;
        }

        /**
         * Sets {@code lithair.history.default-policy}.
         *
         * @param defaultPolicy the new value
         */
        public void setDefaultPolicy(HistoryPolicy defaultPolicy) {
            this.defaultPolicy = defaultPolicy;
        }
    }

    /** How long applied idempotency keys are remembered. */
    public static class Idempotency {

        /** Applied idempotency keys remembered; the oldest are forgotten first. */
        private int maxKeys = 1_000_000;

        /**
         * Forget applied idempotency keys older than this, measured against the newest event; unset keeps
         * them until max-keys pushes them out.
         */
        private Duration maxAge;

        /**
         * Longest idempotency key, in characters; a save with a longer one is refused (a
         * DataIntegrityViolationException), since every applied key is remembered in memory and snapshots.
         */
        private int maxKeyLength = 256;

        /** Bound by Spring Boot from {@code lithair.idempotency.*}. */
        public Idempotency() {
        }

        /** {@return {@code lithair.idempotency.max-keys}} */
        public int getMaxKeys() {
            return maxKeys;
        }

        /**
         * Sets {@code lithair.idempotency.max-keys}.
         *
         * @param maxKeys the new value
         */
        public void setMaxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        /** {@return {@code lithair.idempotency.max-age}} */
        public Duration getMaxAge() {
            return maxAge;
        }

        /**
         * Sets {@code lithair.idempotency.max-age}.
         *
         * @param maxAge the new value
         */
        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        /** {@return {@code lithair.idempotency.max-key-length}} */
        public int getMaxKeyLength() {
            return maxKeyLength;
        }

        /**
         * Sets {@code lithair.idempotency.max-key-length}.
         *
         * @param maxKeyLength the new value
         */
        public void setMaxKeyLength(int maxKeyLength) {
            this.maxKeyLength = maxKeyLength;
        }
    }

    /** The admin routes. */
    public static class Admin {

        /** Whether the admin routes (stats, snapshot, compact, history, export, cluster) are served. */
        private boolean enabled = true;

        /** Path under which the admin routes are served. */
        private String basePath = "/lithair/admin";

        /**
         * Roles of which a caller needs one to use the admin routes, without the 'ROLE_' prefix.
         */
        private List<String> roles = new ArrayList<>(List.of("LITHAIR_ADMIN"));

        private final Security security = new Security();

        /** Bound by Spring Boot from {@code lithair.admin.*}. */
        public Admin() {
        }

        /** {@return {@code lithair.admin.enabled}} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code lithair.admin.enabled}.
         *
         * @param enabled the new value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return {@code lithair.admin.base-path}} */
        public String getBasePath() {
            return basePath;
        }

        /**
         * Sets {@code lithair.admin.base-path}.
         *
         * @param basePath the new value
         */
        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        /** {@return {@code lithair.admin.roles}} */
        public List<String> getRoles() {
            return roles;
        }

        /**
         * Sets {@code lithair.admin.roles}.
         *
         * @param roles the new value
         */
        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        /** {@return the {@code lithair.admin.security.*} properties} */
        public Security getSecurity() {
            return security;
        }

        /** How the admin routes are protected. */
        public static class Security {

            /**
             * Whether Lithair protects the admin routes with a security filter chain of its own (HTTP Basic
             * or the application's session, one of the admin roles required). Set it to false only when
             * the application's own SecurityFilterChain covers the admin base path.
             */
            private boolean enabled = true;

            /** Bound by Spring Boot from {@code lithair.admin.security.*}. */
            public Security() {
            }

            /** {@return {@code lithair.admin.security.enabled}} */
            public boolean isEnabled() {
                return enabled;
            }

            /**
             * Sets {@code lithair.admin.security.enabled}.
             *
             * @param enabled the new value
             */
            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }
        }
    }

    /**
     * Replication of the log over Raft (SOFAJRaft): every member applies the same committed commits, writes
     * are accepted on any member (a follower forwards them to the leader), and a new leader is elected when
     * the leader fails. The Raft log and snapshots live in {@code lithair.data-dir}/raft.
     */
    public static class Cluster {

        /** Whether this application runs as a member of a Raft cluster. */
        private boolean enabled = false;

        /** This node's id in the cluster; by default derived from host and raft-port. */
        private String nodeId;

        /** Port of this node's Raft traffic. */
        private Integer raftPort;

        /**
         * Host by which this node's peers reach its Raft port; the port also listens there, and only
         * there, unless bind-address says otherwise.
         */
        private String host = "127.0.0.1";

        /**
         * The only address this node's Raft port listens on, e.g. a container's own address, or
         * 0.0.0.0 for every interface; by default the host.
         */
        private String bindAddress;

        /**
         * Whether a node whose host or bind address is not a loopback address may run its Raft traffic
         * without TLS (unencrypted and unauthenticated: anyone who reaches the port can write and change
         * the membership); it then logs a warning at start. Without it such a node refuses to start
         * unless ssl.bundle is set.
         */
        private boolean allowInsecureTransport = false;

        /** TLS of this node's Raft traffic. */
        private final Ssl ssl = new Ssl();

        /**
         * Every member of the cluster as host:raftPort, this node included (comma-separated); a node
         * finds itself by host and raft-port.
         */
        private List<String> peers = new ArrayList<>();

        /**
         * Consistency of reads: 'local' (this node's state, possibly behind the leader) or 'linearizable'
         * (confirmed with the leader first).
         */
        private ReadConsistency readConsistency = ReadConsistency.LOCAL;

        /** Time without a heartbeat from the leader after which a follower starts an election. */
        private Duration electionTimeout = Duration.ofSeconds(1);

        /** Interval between the Raft snapshots each node takes. */
        private Duration snapshotInterval = Duration.ofHours(1);

        /** Bound by Spring Boot from {@code lithair.cluster.*}. */
        public Cluster() {
        }

        /** {@return {@code lithair.cluster.enabled}} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code lithair.cluster.enabled}.
         *
         * @param enabled the new value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return {@code lithair.cluster.node-id}} */
        public String getNodeId() {
            return nodeId;
        }

        /**
         * Sets {@code lithair.cluster.node-id}.
         *
         * @param nodeId the new value
         */
        public void setNodeId(String nodeId) {
            this.nodeId = nodeId;
        }

        /** {@return {@code lithair.cluster.raft-port}} */
        public Integer getRaftPort() {
            return raftPort;
        }

        /**
         * Sets {@code lithair.cluster.raft-port}.
         *
         * @param raftPort the new value
         */
        public void setRaftPort(Integer raftPort) {
            this.raftPort = raftPort;
        }

        /** {@return {@code lithair.cluster.host}} */
        public String getHost() {
            return host;
        }

        /**
         * Sets {@code lithair.cluster.host}.
         *
         * @param host the new value
         */
        public void setHost(String host) {
            this.host = host;
        }

        /** {@return {@code lithair.cluster.bind-address}} */
        public String getBindAddress() {
            return bindAddress;
        }

        /**
         * Sets {@code lithair.cluster.bind-address}.
         *
         * @param bindAddress the new value
         */
        public void setBindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
        }

        /** {@return {@code lithair.cluster.allow-insecure-transport}} */
        public boolean isAllowInsecureTransport() {
            return allowInsecureTransport;
        }

        /**
         * Sets {@code lithair.cluster.allow-insecure-transport}.
         *
         * @param allowInsecureTransport the new value
         */
        public void setAllowInsecureTransport(boolean allowInsecureTransport) {
            this.allowInsecureTransport = allowInsecureTransport;
        }

        /** {@return the {@code lithair.cluster.ssl.*} properties} */
        public Ssl getSsl() {
            return ssl;
        }

        /** {@return {@code lithair.cluster.peers}} */
        public List<String> getPeers() {
            return peers;
        }

        /**
         * Sets {@code lithair.cluster.peers}.
         *
         * @param peers the new value
         */
        public void setPeers(List<String> peers) {
            this.peers = peers;
        }

        /** {@return {@code lithair.cluster.read-consistency}} */
        public ReadConsistency getReadConsistency() {
            return readConsistency;
        }

        /**
         * Sets {@code lithair.cluster.read-consistency}.
         *
         * @param readConsistency the new value
         */
        public void setReadConsistency(ReadConsistency readConsistency) {
            this.readConsistency = readConsistency;
        }

        /** {@return {@code lithair.cluster.election-timeout}} */
        public Duration getElectionTimeout() {
            return electionTimeout;
        }

        /**
         * Sets {@code lithair.cluster.election-timeout}.
         *
         * @param electionTimeout the new value
         */
        public void setElectionTimeout(Duration electionTimeout) {
            this.electionTimeout = electionTimeout;
        }

        /** {@return {@code lithair.cluster.snapshot-interval}} */
        public Duration getSnapshotInterval() {
            return snapshotInterval;
        }

        /**
         * Sets {@code lithair.cluster.snapshot-interval}.
         *
         * @param snapshotInterval the new value
         */
        public void setSnapshotInterval(Duration snapshotInterval) {
            this.snapshotInterval = snapshotInterval;
        }

        /** TLS of a cluster node's Raft traffic. */
        public static class Ssl {

            /**
             * Name of the Spring Boot SSL bundle (spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*) whose
             * key and trust material make every Raft connection of this node, in and out, mutual TLS: the
             * node shows the bundle's certificate and accepts only peers whose certificate the bundle's
             * trust material accepts.
             */
            private String bundle;

            /** Bound by Spring Boot from {@code lithair.cluster.ssl.*}. */
            public Ssl() {
            }

            /** {@return {@code lithair.cluster.ssl.bundle}} */
            public String getBundle() {
                return bundle;
            }

            /**
             * Sets {@code lithair.cluster.ssl.bundle}.
             *
             * @param bundle the new value
             */
            public void setBundle(String bundle) {
                this.bundle = bundle;
            }
        }
    }

    /** How up to date a cluster node's reads are. */
    public enum ReadConsistency {
        /** Reads this node's state, which may be behind the leader's. */
        LOCAL,
        /** Reads only after confirming with the leader that this node has every committed event. */
        LINEARIZABLE
    }

    @Override
    public boolean supports(Class<?> type) {
        return LithairProperties.class.isAssignableFrom(type);
    }

    /** One store per tenant, under {@code {data-dir}/tenants/{tenant}}. */
    public static class Tenancy {

        /**
         * Whether each tenant's data is a store of its own under {data-dir}/tenants/{tenant}, and repositories act
         * on the current tenant's store (from a TenantResolver bean, the request header, or Tenants.callAs).
         */
        private boolean enabled = false;

        /** Request header naming the current tenant, when the application defines no TenantResolver bean. */
        private String header = "X-Tenant-Id";

        /** A tenant's store unused for this long is closed; it reopens, recovered, on its next use. */
        private Duration idleTimeout = Duration.ofMinutes(10);

        /**
         * Most tenant stores open at once: opening one more closes the least recently used that no call or
         * transaction is using.
         */
        private int maxOpen = 200;

        /**
         * Tenants whose meters carry their own tenant tag; every other tenant's are added up under tenant=other,
         * so that the number of time series stays bounded however many tenants there are.
         */
        private List<String> metricsTenants = new ArrayList<>();

        /** Bound by Spring Boot from {@code lithair.tenancy.*}. */
        public Tenancy() {
        }

        /** {@return {@code lithair.tenancy.enabled}} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code lithair.tenancy.enabled}.
         *
         * @param enabled the new value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return {@code lithair.tenancy.header}} */
        public String getHeader() {
            return header;
        }

        /**
         * Sets {@code lithair.tenancy.header}.
         *
         * @param header the new value
         */
        public void setHeader(String header) {
            this.header = header;
        }

        /** {@return {@code lithair.tenancy.idle-timeout}} */
        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        /**
         * Sets {@code lithair.tenancy.idle-timeout}.
         *
         * @param idleTimeout the new value
         */
        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /** {@return {@code lithair.tenancy.max-open}} */
        public int getMaxOpen() {
            return maxOpen;
        }

        /**
         * Sets {@code lithair.tenancy.max-open}.
         *
         * @param maxOpen the new value
         */
        public void setMaxOpen(int maxOpen) {
            this.maxOpen = maxOpen;
        }

        /** {@return {@code lithair.tenancy.metrics-tenants}} */
        public List<String> getMetricsTenants() {
            return metricsTenants;
        }

        /**
         * Sets {@code lithair.tenancy.metrics-tenants}.
         *
         * @param metricsTenants the new value
         */
        public void setMetricsTenants(List<String> metricsTenants) {
            this.metricsTenants = metricsTenants;
        }
    }

    @Override
    public void validate(Object target, Errors errors) {
        new LithairPropertiesValidation((LithairProperties) target, errors).run();
    }
}
