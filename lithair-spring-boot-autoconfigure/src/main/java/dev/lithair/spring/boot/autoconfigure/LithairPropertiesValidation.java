package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.ValueLimits;
import dev.lithair.spring.tenancy.TenantIds;
import dev.lithair.store.StoreOptions;

/**
 * The checks of {@link LithairProperties}, run when Spring Boot binds them. Each failure names the
 * property (Boot adds where it was set) and says what is allowed.
 */
final class LithairPropertiesValidation {

    /** The engine's smallest log segment. */
    private static final long MIN_SEGMENT_BYTES = 4096;

    private final LithairProperties properties;
    private final Errors errors;

    LithairPropertiesValidation(LithairProperties properties, Errors errors) {
        this.properties = properties;
        this.errors = errors;
    }

    void run() {
        dataDirectory();
        storage();
        snapshots();
        history();
        idempotency();
        admin();
        cluster();
        tenancy();
        entityNames();
    }

    private void dataDirectory() {
        if (properties.getDataDir() == null) {
            reject("data-dir", "must be set");
        } else if (Files.exists(properties.getDataDir()) && !Files.isDirectory(properties.getDataDir())) {
            reject("data-dir", "is not a directory");
        }
    }

    private void storage() {
        LithairProperties.Storage storage = properties.getStorage();
        if (storage.getFsync() == null) {
            reject("storage.fsync", "must be one of always, batch, never");
        }
        positive("storage.fsync-interval", storage.getFsyncInterval(), true);
        if (storage.getFormat() == null) {
            reject("storage.format", "must be one of json, binary");
        }
        if (storage.getSegmentSize() == null || storage.getSegmentSize().toBytes() < MIN_SEGMENT_BYTES) {
            reject("storage.segment-size", "must be at least 4KB");
        }
        limits(storage.getLimits());
        if (storage.getAsyncCommits().getMaxPending() < 1) {
            reject("storage.async-commits.max-pending", "must be at least 1");
        }
        Duration wait = storage.getAsyncCommits().getWaitForRoom();
        if (wait == null || wait.isNegative()) {
            reject("storage.async-commits.wait-for-room", "must be 0 (refuse at once) or positive");
        }
    }

    /** The engine's ranges (see {@link ValueLimits}), so that a bad value names its property. */
    private void limits(LithairStorageLimits limits) {
        between("storage.limits.max-nesting-depth", limits.getMaxNestingDepth(), 1, ValueLimits.CEILING_NESTING_DEPTH);
        between("storage.limits.max-number-length", limits.getMaxNumberLength(), ValueLimits.FLOOR_NUMBER_LENGTH,
                ValueLimits.CEILING_NUMBER_LENGTH);
        between("storage.limits.max-string-length", limits.getMaxStringLength(), 1, ValueLimits.CEILING_STRING_LENGTH);
        between("storage.limits.max-name-length", limits.getMaxNameLength(), 1, ValueLimits.CEILING_NAME_LENGTH);
        DataSize recordSize = limits.getMaxRecordSize();
        if (recordSize == null || recordSize.toBytes() < 1024 || recordSize.toBytes() > StoreOptions.MAX_RECORD_BYTES) {
            reject("storage.limits.max-record-size", "must be between 1KB and " + StoreOptions.MAX_RECORD_BYTES
                    + " bytes (what a log frame holds)");
        }
    }

    private void between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            reject(field, "must be between " + min + " and " + max);
        }
    }

    private void snapshots() {
        if (properties.getSnapshot().getEveryEvents() < 0) {
            reject("snapshot.every-events", "must be 0 (snapshots on demand only) or positive");
        }
        if (properties.getSnapshot().getRetained() < 1) {
            reject("snapshot.retained", "must be at least 1");
        }
    }

    private void history() {
        HistoryPolicy policy = properties.getHistory().getDefaultPolicy();
        if (policy != HistoryPolicy.NONE && policy != HistoryPolicy.FULL) {
            reject("history.default-policy", "must be none or full (a number of versions is declared per field, "
                    + "with @Historize(versions = n))");
        }
    }

    private void idempotency() {
        if (properties.getIdempotency().getMaxKeys() < 1) {
            reject("idempotency.max-keys", "must be at least 1");
        }
        positive("idempotency.max-age", properties.getIdempotency().getMaxAge(), false);
        int maxKeyLength = properties.getIdempotency().getMaxKeyLength();
        int maxStringLength = properties.getStorage().getLimits().getMaxStringLength();
        if (maxKeyLength < 1) {
            reject("idempotency.max-key-length", "must be at least 1");
        } else if (maxKeyLength > maxStringLength - 12) {
            reject("idempotency.max-key-length", "must leave room for an event id (the key, '#' and an index) within "
                    + "lithair.storage.limits.max-string-length (" + maxStringLength + "): at most "
                    + (maxStringLength - 12));
        }
    }

    private void admin() {
        LithairProperties.Admin admin = properties.getAdmin();
        String path = admin.getBasePath();
        if (path == null || !path.startsWith("/") || path.length() < 2) {
            reject("admin.base-path", "must start with '/' and name a path below the root, such as /lithair/admin "
                    + "(the admin security rules apply to everything under it)");
        } else if (path.endsWith("/") || path.contains("//")) {
            reject("admin.base-path", "must not end with '/' nor contain '//'");
        } else if (!path.matches("[A-Za-z0-9._~/-]+")) {
            reject("admin.base-path", "may only contain letters, digits, '/', '.', '_', '~' and '-' (no patterns "
                    + "or variables)");
        }
        List<String> roles = admin.getRoles();
        if (roles == null || roles.isEmpty()) {
            reject("admin.roles", "must name at least one role");
        } else {
            for (String role : roles) {
                if (role == null || role.isBlank()) {
                    reject("admin.roles", "must not contain a blank role");
                } else if (role.startsWith("ROLE_")) {
                    reject("admin.roles", "names roles without the 'ROLE_' prefix: write " + role.substring(5)
                            + " instead of " + role);
                }
            }
        }
    }

    private void cluster() {
        LithairProperties.Cluster cluster = properties.getCluster();
        if (cluster.getHost() == null || cluster.getHost().isBlank()) {
            reject("cluster.host", "must not be blank");
        }
        if (cluster.getBindAddress() != null && cluster.getBindAddress().isBlank()) {
            reject("cluster.bind-address", "must not be blank when set (leave it out to listen on the host)");
        }
        if (cluster.getSsl().getBundle() != null && cluster.getSsl().getBundle().isBlank()) {
            reject("cluster.ssl.bundle", "must name an SSL bundle when set");
        }
        if (cluster.getNodeId() != null && cluster.getNodeId().isBlank()) {
            reject("cluster.node-id", "must not be blank when set");
        }
        if (cluster.getRaftPort() != null && !validPort(cluster.getRaftPort())) {
            reject("cluster.raft-port", "must be between 1 and 65535");
        }
        for (String peer : cluster.getPeers()) {
            if (!validPeer(peer)) {
                reject("cluster.peers", "'" + peer + "' is not host:raftPort (port between 1 and 65535)");
            }
        }
        if (cluster.getReadConsistency() == null) {
            reject("cluster.read-consistency", "must be local or linearizable");
        }
        positive("cluster.election-timeout", cluster.getElectionTimeout(), true);
        positive("cluster.snapshot-interval", cluster.getSnapshotInterval(), true);
        if (cluster.isEnabled()) {
            if (cluster.getRaftPort() == null) {
                reject("cluster.raft-port", "must be set when the cluster is enabled");
            }
            if (cluster.getPeers().isEmpty()) {
                reject("cluster.peers", "must list every member (host:raftPort, this node included) when the "
                        + "cluster is enabled");
            } else if (cluster.getRaftPort() != null
                    && !cluster.getPeers().contains(cluster.getHost() + ":" + cluster.getRaftPort())) {
                reject("cluster.peers", "must include this node, " + cluster.getHost() + ":" + cluster.getRaftPort()
                        + " (lithair.cluster.host and lithair.cluster.raft-port)");
            }
        }
    }

    private void tenancy() {
        LithairProperties.Tenancy tenancy = properties.getTenancy();
        if (tenancy.getHeader() == null || tenancy.getHeader().isBlank()) {
            reject("tenancy.header", "must name a request header");
        }
        positive("tenancy.idle-timeout", tenancy.getIdleTimeout(), true);
        if (tenancy.getMaxOpen() < 1) {
            reject("tenancy.max-open", "must be at least 1");
        }
        for (String tenant : tenancy.getMetricsTenants()) {
            if (!TenantIds.isValid(tenant)) {
                reject("tenancy.metrics-tenants", TenantIds.describe(tenant));
            } else if (tenant.equals(LithairTenantMetrics.OTHER_TENANTS)) {
                reject("tenancy.metrics-tenants", "must not list '" + tenant + "': it is the tag of every tenant "
                        + "not listed");
            }
        }
    }

    private void entityNames() {
        Map<String, String> names = properties.getEntityNames();
        if (names == null) {
            return;
        }
        names.forEach((type, name) -> {
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
                errors.reject("lithair.entity-names", "lithair.entity-names[" + type + "] is '" + name
                        + "': an entity type name may only contain letters, digits, '_', '.' and '-'");
            }
        });
    }

    private void positive(String field, Duration duration, boolean required) {
        if (duration == null) {
            if (required) {
                reject(field, "must be set");
            }
        } else if (duration.isNegative() || duration.isZero()) {
            reject(field, "must be positive");
        }
    }

    private static boolean validPeer(String peer) {
        if (peer == null) {
            return false;
        }
        int colon = peer.lastIndexOf(':');
        if (colon <= 0 || colon == peer.length() - 1) {
            return false;
        }
        try {
            return validPort(Integer.parseInt(peer.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    /** @param field the property's name below {@code lithair}, in dashed form as users write it */
    private void reject(String field, String message) {
        errors.rejectValue(field, "lithair.invalid", message);
    }
}
