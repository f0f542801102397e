package dev.lithair.spring.boot.autoconfigure.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.backup.BackupInfo;
import dev.lithair.backup.Backups;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.replication.Cluster;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.SnapshotInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin routes, served under {@code lithair.admin.base-path} (the prefix is added by the
 * auto-configuration): statistics, snapshot, compaction, an entity's history, export of a type as JSON
 * lines, and the cluster view. Every call is audited ({@link LithairAdminAudit}); errors are RFC 9457
 * problem details. Protection (authentication, the admin roles) is the security filter chain's job.
 */
@RestController
public class LithairAdminController {

    /** Media type of the export: one JSON document per line. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final LithairStore store;
    private final String nodeId;
    private final LithairAdminAudit audit;
    private final Cluster cluster;
    private final EntityJsonView view;
    private final EntityExport export;
    private final Path backupDirectory;

    /**
     * The admin routes of a single node.
     *
     * @param store  the store
     * @param models the models of the store's entity types
     * @param nodeId this member's name in the cluster view ({@code lithair.cluster.node-id}), or {@code null}
     * @param audit  where every admin call is recorded
     */
    public LithairAdminController(LithairStore store, List<EntityModel<?>> models, String nodeId,
            LithairAdminAudit audit) {
        this(store, models, nodeId, audit, null);
    }

    /**
     * With {@code cluster} ({@code null} on a single node), the cluster routes report and change the cluster.
     *
     * @param store   the store
     * @param models  the models of the store's entity types
     * @param nodeId  this member's name in the cluster view, or {@code null}
     * @param audit   where every admin call is recorded
     * @param cluster the cluster, or {@code null} on a single node
     */
    public LithairAdminController(LithairStore store, List<EntityModel<?>> models, String nodeId,
            LithairAdminAudit audit, Cluster cluster) {
        this(store, models, nodeId, audit, cluster, new EntityJsonView(JsonMapper.builder().build()));
    }

    /**
     * With {@code view}, the application's JSON of its entities: exports and histories leave out what it
     * hides.
     *
     * @param store   the store
     * @param models  the models of the store's entity types
     * @param nodeId  this member's name in the cluster view, or {@code null}
     * @param audit   where every admin call is recorded
     * @param cluster the cluster, or {@code null} on a single node
     * @param view    the application's JSON of its entities
     */
    public LithairAdminController(LithairStore store, List<EntityModel<?>> models, String nodeId,
            LithairAdminAudit audit, Cluster cluster, EntityJsonView view) {
        this(store, models, nodeId, audit, cluster, view, null);
    }

    /**
     * With {@code backupDirectory} ({@code lithair.backup.directory}), the backup routes write to and list that
     * directory; {@code null} refuses them.
     *
     * @param store   the store
     * @param models  the models of the store's entity types
     * @param nodeId  this member's name in the cluster view, or {@code null}
     * @param audit   where every admin call is recorded
     * @param cluster the cluster, or {@code null} on a single node
     * @param view    the application's JSON of its entities
     * @param backupDirectory the backup directory, or {@code null}
     */
    public LithairAdminController(LithairStore store, List<EntityModel<?>> models, String nodeId,
            LithairAdminAudit audit, Cluster cluster, EntityJsonView view, Path backupDirectory) {
        this.backupDirectory = backupDirectory;
        this.store = store;
        this.export = new EntityExport(models, view);
        this.nodeId = nodeId;
        this.audit = audit;
        this.cluster = cluster;
        this.view = view;
    }

    /**
     * A snapshot that was written, as the snapshot and compact routes report it.
     *
     * @param sequence        the last event it covers
     * @param file            the name of its file
     * @param sizeBytes       its size on disk
     * @param durationMillis  time from capture to the file being durable
     * @param segmentsDeleted log segments deleted because snapshots now cover them
     */
    public record SnapshotReport(long sequence, String file, long sizeBytes, long durationMillis, int segmentsDeleted) {

        static SnapshotReport of(SnapshotInfo info) {
            return new SnapshotReport(info.sequence(), info.file().getFileName().toString(), info.sizeBytes(),
                    info.durationMillis(), info.segmentsDeleted());
        }
    }

    /**
     * This node's place in the cluster.
     *
     * @param mode             {@code single-node}, or {@code raft} in a cluster
     * @param role             {@code LEADER} (a single node leads itself), {@code FOLLOWER}, {@code CANDIDATE}, ...
     * @param nodeId           this node's id ({@code lithair.cluster.node-id}, or {@code local} on a single node)
     * @param leader           the leader: its node id on a single node, its {@code host:raftPort} in a cluster;
     *                         {@code null} while none is known
     * @param lastSequence     sequence of the last applied event
     * @param members          the members: this node's id on a single node, {@code host:raftPort} in a cluster
     * @param term             the Raft term (0 on a single node)
     * @param commitIndex      last Raft log index known committed (the last sequence on a single node)
     * @param applyIndex       last Raft log index applied here (the last sequence on a single node)
     * @param followerLag      on the leader, Raft entries each follower has still to receive
     * @param leaderlessMillis how long this node has been without a known leader
     */
    public record ClusterReport(String mode, String role, String nodeId, String leader, long lastSequence,
            List<String> members, long term, long commitIndex, long applyIndex, Map<String, Long> followerLag,
            long leaderlessMillis) {

        /** The report of a Raft group's status on this member. */
        static ClusterReport of(ClusterStatus status) {
            return new ClusterReport("raft", status.role(), status.nodeId(), status.leader(), status.lastSequence(),
                    status.peers(), status.term(), status.commitIndex(), status.appliedIndex(), status.followerLag(),
                    status.leaderlessMillis());
        }
    }

    /**
     * A backup, as the backup routes report it.
     *
     * @param name     the backup's folder in the backup directory
     * @param sequence the last sequence it holds: a restore of it holds exactly the commits up to there
     * @param time     when it was taken
     * @param bytes    the size of its files
     */
    public record BackupReport(String name, long sequence, Instant time, long bytes) {

        static BackupReport of(BackupInfo info) {
            return new BackupReport(info.name(), info.sequence(), info.time(), info.bytes());
        }
    }

    /**
     * A member named in a membership change.
     *
     * @param peer the member, as {@code host:raftPort}
     */
    public record PeerRequest(String peer) {
    }

    /**
     * {@code GET stats}: what the store holds and how it is doing.
     *
     * @param request the admin request, for the audit
     * @return the report
     */
    @GetMapping("/stats")
    public LithairStoreReport stats(HttpServletRequest request) {
        return audited(request, "stats", null, () -> LithairStoreReport.of(store, export.typeNames()));
    }

    /**
     * {@code POST snapshot}: takes a snapshot now.
     *
     * @param request the admin request, for the audit
     * @return the snapshot written
     */
    @PostMapping("/snapshot")
    public SnapshotReport snapshot(HttpServletRequest request) {
        return audited(request, "snapshot", null, () -> SnapshotReport.of(await(store.snapshot())));
    }

    /**
     * {@code POST compact}: snapshots, then deletes what the snapshot covers.
     *
     * @param request the admin request, for the audit
     * @return the snapshot kept
     */
    @PostMapping("/compact")
    public SnapshotReport compact(HttpServletRequest request) {
        return audited(request, "compact", null, () -> SnapshotReport.of(await(store.compact())));
    }

    /**
     * Writes a consistent backup of the running store into a new folder of the backup directory: on a single
     * node its snapshots and log, on a cluster member its newest Raft snapshot.
     *
     * @param request the admin request, for the audit
     * @return the backup
     */
    @PostMapping("/backups")
    public BackupReport backup(HttpServletRequest request) {
        return audited(request, "backup", null,
                () -> BackupReport.of(await(store.backup(requireBackups()))));
    }

    /**
     * The backups of the backup directory, oldest first.
     *
     * @param request the admin request, for the audit
     * @return the backups
     */
    @GetMapping("/backups")
    public List<BackupReport> backups(HttpServletRequest request) {
        return audited(request, "backups", null,
                () -> Backups.list(requireBackups()).stream().map(BackupReport::of).toList());
    }

    private Path requireBackups() {
        if (backupDirectory == null) {
            throw problem(HttpStatus.CONFLICT, "No backup directory",
                    "This controller was built without a backup directory (lithair.backup.directory).");
        }
        return backupDirectory;
    }

    /**
     * {@code GET entities/{type}/{id}/history}: every retained change of the entity, oldest first.
     *
     * @param type    the entity type's name
     * @param id      the entity's id
     * @param request the admin request, for the audit
     * @return the changes
     */
    @GetMapping("/entities/{type}/{id}/history")
    public List<FieldChange> history(@PathVariable String type, @PathVariable String id, HttpServletRequest request) {
        return audited(request, "history", type + "/" + id, () -> {
            export.requireKnownType(store, type);
            List<FieldChange> changes = store.history(type, id);
            if (changes.isEmpty() && store.get(type, id).isEmpty()) {
                throw problem(HttpStatus.NOT_FOUND, "Unknown entity",
                        "No entity " + type + " with id '" + id + "' and no retained history of one.");
            }
            Optional<Class<?>> javaType = export.modelNamed(type).map(EntityModel::type);
            if (javaType.isEmpty()) {
                return changes;
            }
            return changes.stream().filter(change -> !view.hides(javaType.get(), change.field())).toList();
        });
    }

    /**
     * Streams every live entity of a type, one JSON document per line: a registered type as the application's
     * JSON shows it ({@link EntityJsonView}: what it hides is left out), a schemaless one as stored.
     *
     * @param type     the entity type's name
     * @param request  the admin request, for the audit
     * @param response where the lines are written
     */
    @GetMapping("/export/{type}")
    public void export(@PathVariable String type, HttpServletRequest request, HttpServletResponse response) {
        audited(request, "export", type, () -> {
            export.write(store, type, response);
            return null;
        });
    }

    /**
     * {@code GET cluster}: this member's view of its cluster.
     *
     * @param request the admin request, for the audit
     * @return the view
     */
    @GetMapping("/cluster")
    public ClusterReport cluster(HttpServletRequest request) {
        return audited(request, "cluster", null, () -> {
            if (cluster == null) {
                String self = Optional.ofNullable(nodeId).orElse("local");
                long sequence = store.lastSequence();
                return new ClusterReport("single-node", "LEADER", self, self, sequence, List.of(self), 0,
                        sequence, sequence, Map.of(), 0);
            }
            return ClusterReport.of(cluster.status());
        });
    }

    /**
     * Adds a member to the cluster; it catches up from the leader.
     *
     * @param body    the member to add
     * @param request the admin request, for the audit
     * @return the cluster afterwards
     */
    @PostMapping("/cluster/peers")
    public ClusterReport addPeer(@RequestBody PeerRequest body, HttpServletRequest request) {
        String peer = requirePeer(body);
        audited(request, "cluster-add-peer", peer, () -> {
            requireCluster().addPeer(peer);
            return null;
        });
        return cluster(request);
    }

    /**
     * Removes a member from the cluster.
     *
     * @param peer    the member to remove, {@code host:raftPort}
     * @param request the admin request, for the audit
     * @return the cluster afterwards
     */
    @DeleteMapping("/cluster/peers/{peer}")
    public ClusterReport removePeer(@PathVariable String peer, HttpServletRequest request) {
        audited(request, "cluster-remove-peer", peer, () -> {
            requireCluster().removePeer(requirePeer(new PeerRequest(peer)));
            return null;
        });
        return cluster(request);
    }

    /**
     * Hands leadership to a member.
     *
     * @param body    the member to lead
     * @param request the admin request, for the audit
     * @return the cluster afterwards
     */
    @PostMapping("/cluster/leader")
    public ClusterReport transferLeadership(@RequestBody PeerRequest body, HttpServletRequest request) {
        String peer = requirePeer(body);
        audited(request, "cluster-transfer-leadership", peer, () -> {
            requireCluster().transferLeadership(peer);
            return null;
        });
        return cluster(request);
    }

    private Cluster requireCluster() {
        if (cluster == null) {
            throw problem(HttpStatus.CONFLICT, "Not a cluster",
                    "This node runs alone (lithair.cluster.enabled is false): there is no membership to change.");
        }
        return cluster;
    }

    private static String requirePeer(PeerRequest body) {
        String peer = body == null ? null : body.peer();
        if (peer == null || !peer.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid peer",
                    "A peer is host:raftPort, for example 127.0.0.1:9101; got '" + peer + "'.");
        }
        return peer;
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e, HttpServletRequest request) {
        return problemResponse(e.getStatusCode(), e.getBody(), request);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> refused(IllegalStateException e, HttpServletRequest request) {
        if (e instanceof StoreUnavailableException unavailable) {
            return unavailable(unavailable, request);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Cluster change refused");
        return problemResponse(HttpStatus.CONFLICT, body, request);
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        body.setTitle("Store unavailable");
        return problemResponse(HttpStatus.SERVICE_UNAVAILABLE, body, request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> failed(RuntimeException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                e.getClass().getSimpleName() + ": " + e.getMessage());
        body.setTitle("Admin action failed");
        return problemResponse(HttpStatus.INTERNAL_SERVER_ERROR, body, request);
    }

    static ResponseEntity<ProblemDetail> problemResponse(HttpStatusCode status, ProblemDetail body,
            HttpServletRequest request) {
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private <T> T audited(HttpServletRequest request, String action, String target, Supplier<T> work) {
        return audited(audit, request, action, target, work);
    }

    /** Runs an admin action and records its outcome, success or failure, in {@code audit}. */
    static <T> T audited(LithairAdminAudit audit, HttpServletRequest request, String action, String target,
            Supplier<T> work) {
        try {
            T result = work.get();
            audit.record(request, action, target, "success");
            return result;
        } catch (ErrorResponseException e) {
            audit.record(request, action, target, "failure: " + e.getStatusCode().value() + " "
                    + e.getBody().getTitle());
            throw e;
        } catch (RuntimeException e) {
            audit.record(request, action, target, "failure: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return new ErrorResponseException(status, body, null);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException completion ? completion.getCause()
                    : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreUnavailableException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
