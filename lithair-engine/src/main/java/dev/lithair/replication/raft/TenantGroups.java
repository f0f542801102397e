package dev.lithair.replication.raft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.replication.TenantHost;
import dev.lithair.store.spi.CommitPath;

/**
 * The tenants' Raft groups on one member: each tenant's store commits through a group of its own, started
 * on first use here (the peers then asked to start it too), or when a peer asks something of it (its store is
 * then opened through the application's {@link TenantHost}); the leaderships kept spread over the members by
 * {@link TenantLeaderBalancer}; and a group idle for the host's timeout put to sleep on every member by a
 * control entry its leader commits, until its next use.
 *
 * <p>Thread-safe.
 */
final class TenantGroups {

    private static final Logger log = LoggerFactory.getLogger(TenantGroups.class);

    /** How often a member balances its leaderships, and puts to sleep or wakes the groups it should. */
    static final long BALANCE_INTERVAL_MILLIS = 2_000;

    /** How long a group must have taken no write before it is put to sleep to make room: longer than a wake. */
    private static final long MIN_IDLE_OVER_CAP_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How long a member waits before proposing to sleep, or asking to wake, the same group again. */
    private static final long SLEEP_RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How often closing a sleeping tenant's store in use is tried again. */
    private static final long CLOSE_RETRY_MILLIS = 250;

    private final RaftMember member;
    private final LongConsumer replicated;
    private final Map<String, RaftGroup> byTenant = new ConcurrentHashMap<>();
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    /** The term in which each sleeping tenant's group went to sleep; only a wake request or a local use wakes it. */
    private final Map<String, Long> asleepSince = new ConcurrentHashMap<>();
    /** When this member, leading them, last proposed to put these groups to sleep. */
    private final Map<String, Long> sleepProposedNanos = new ConcurrentHashMap<>();
    /** When this member last asked its peers to wake a leaderless group. */
    private final Map<String, Long> wokenNanos = new ConcurrentHashMap<>();
    private volatile TenantHost host;
    private volatile boolean closed;
    private ExecutorService starter;
    private ScheduledExecutorService balancing;

    TenantGroups(RaftMember member, LongConsumer replicated) {
        this.member = member;
        this.replicated = replicated;
    }

    /**
     * Starts hosting: groups peers ask for are opened through {@code tenantHost}, leaderships balanced, and
     * idle groups this member leads put to sleep.
     */
    synchronized void host(TenantHost tenantHost) {
        if (host != null) {
            throw new IllegalStateException("this member hosts tenants already");
        }
        if (closed) {
            throw new IllegalStateException("this cluster member is shut down");
        }
        starter = Executors.newFixedThreadPool(2, RaftMember.daemon("lithair-raft-tenant-start"));
        balancing = Executors.newSingleThreadScheduledExecutor(RaftMember.daemon("lithair-raft-tenant-balance"));
        TenantLeaderBalancer balancer = new TenantLeaderBalancer(member.options().self());
        balancing.scheduleWithFixedDelay(() -> {
            try {
                balancer.balance(byTenant.values());
                proposeSleep(tenantHost);
                wakeLeaderless();
            } catch (RuntimeException e) {
                log.warn("Balancing, putting to sleep or waking the tenants' groups on {} failed",
                        member.options().self(), e);
            }
        }, BALANCE_INTERVAL_MILLIS, BALANCE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        host = tenantHost;
    }

    /**
     * Proposes to put to sleep the groups this member leads that took no write for the idle timeout and,
     * while more groups than the host's maximum run here, the least recently written ones (each idle for at
     * least 10 s, so that a group is not put to sleep as it wakes).
     */
    private void proposeSleep(TenantHost tenantHost) {
        long idleTimeout = tenantHost.idleTimeout().toNanos();
        long now = System.nanoTime();
        List<RaftGroup> led = new ArrayList<>();
        for (RaftGroup group : byTenant.values()) {
            Node node = group.node();
            Long proposed = sleepProposedNanos.get(group.id());
            if (node != null && node.isLeader() && group.path() != null
                    && (proposed == null || now - proposed > SLEEP_RETRY_NANOS)) {
                led.add(group);
            }
        }
        led.sort(Comparator.comparingLong((RaftGroup group) -> group.path().idleNanos()).reversed());
        int over = byTenant.size() - tenantHost.maxOpen();
        for (RaftGroup group : led) {
            long idle = group.path().idleNanos();
            boolean overCap = over > 0 && idle >= MIN_IDLE_OVER_CAP_NANOS;
            if (idle >= idleTimeout || overCap) {
                log.debug("{} puts the group {} to sleep: no write for {} ms", member.options().self(), group.id(),
                        TimeUnit.NANOSECONDS.toMillis(idle));
                sleepProposedNanos.put(group.id(), now);
                group.path().proposeDormant();
                over--;
            }
        }
    }

    /**
     * Asks the peers to wake the groups running here without a leader for three election timeouts: such a
     * member missed its group going to sleep (it learnt of the entry too late, or its store was in use), and
     * the others, asleep, answer none of its elections.
     */
    private void wakeLeaderless() {
        long limit = member.options().electionTimeout().toMillis() * 3;
        long now = System.nanoTime();
        for (RaftGroup group : byTenant.values()) {
            Long woken = wokenNanos.get(group.id());
            if (group.stateMachine().leaderlessMillis() > limit && (woken == null || now - woken > SLEEP_RETRY_NANOS)) {
                wokenNanos.put(group.id(), now);
                asleepSince.remove(TenantGroupIds.tenantOf(group.id())); // and stays awake here
                member.wakePeers(group.id());
            }
        }
    }

    /**
     * Applied on every member: the group went to sleep in {@code term}. Its state is snapshotted (a node
     * started again applies its log only once it hears a leader, so its store would open on an older state),
     * then the tenant's store is closed; while a call or a transaction uses it, closing is tried again until
     * it is unused, or the tenant is used here again, which wakes the group on every member.
     */
    private void fallAsleep(String tenant, RaftGroup group, long term) {
        if (host == null) {
            return; // not hosting (a store opened on its group alone): it stays awake
        }
        asleepSince.put(tenant, term);
        try {
            starter.execute(() -> {
                if (!snapshot(group)) {
                    asleepSince.remove(tenant, term);
                    return;
                }
                Node node = group.node();
                if (node != null && node.isLeader()) {
                    // The followers learn that the entry is committed from the leader's next heartbeats: a
                    // leader closing at once would leave some without it, awake and alone.
                    balancing.schedule(() -> starter.execute(() -> closeWhenUnused(tenant, term)),
                            member.options().electionTimeout().toMillis() / 2, TimeUnit.MILLISECONDS);
                } else {
                    closeWhenUnused(tenant, term);
                }
            });
        } catch (RejectedExecutionException e) {
            asleepSince.remove(tenant, term); // shutting down
        }
    }

    private void closeWhenUnused(String tenant, long term) {
        if (closed || !Long.valueOf(term).equals(asleepSince.get(tenant))) {
            return; // woken meanwhile
        }
        try {
            if (host.closeIfUnused(tenant)) {
                return;
            }
            balancing.schedule(() -> starter.execute(() -> closeWhenUnused(tenant, term)), CLOSE_RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        } catch (RuntimeException e) {
            asleepSince.remove(tenant, term);
            log.warn("Closing the store of tenant {}, whose group went to sleep, failed on {}", tenant,
                    member.options().self(), e);
        }
    }

    /** A commit on a group put to sleep (its store was still open here): the group wakes on every member. */
    private void usedWhileAsleep(String tenant, String groupId) {
        if (asleepSince.remove(tenant) != null) {
            member.wakePeers(groupId);
        }
    }

    private boolean snapshot(RaftGroup group) {
        Node node = group.node();
        if (node == null) {
            return false;
        }
        CompletableFuture<Status> taken = new CompletableFuture<>();
        node.snapshot(taken::complete);
        try {
            Status status = taken.get(30, TimeUnit.SECONDS);
            if (!status.isOk()) {
                log.warn("The group {} stays awake on {}: its snapshot failed ({})", group.id(), member.options().self(),
                        status);
            }
            return status.isOk();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The group {} stays awake on {}: its snapshot did not complete", group.id(),
                    member.options().self(), e);
            return false;
        }
    }

    /**
     * A peer asked something of the group {@code groupId}: when it is a tenant's that does not run here, its
     * store is opened on a thread of the starter (never on the transport's thread, as opening reads files).
     * The peer's request itself is answered "no such group" meanwhile, and the peer retries. A group put to
     * sleep wakes only when a peer asks to {@code wake} it (it was used there): the Raft requests still under
     * way as it went to sleep, and the elections of a member that has not closed its part yet, do not.
     */
    void asked(String groupId, boolean wake) {
        TenantHost current = host;
        if (current == null || closed) {
            return;
        }
        String tenant = TenantGroupIds.tenantOf(groupId);
        if (tenant == null || byTenant.containsKey(tenant)) {
            return;
        }
        if (wake) {
            asleepSince.remove(tenant);
        } else if (asleepSince.containsKey(tenant)) {
            return;
        }
        if (!starting.add(tenant)) {
            return;
        }
        try {
            starter.execute(() -> {
                try {
                    if (!closed && !byTenant.containsKey(tenant)) {
                        current.open(tenant);
                    }
                } catch (RuntimeException e) {
                    if (!closed) {
                        log.warn("Opening the store of tenant {}, whose group a peer asked for, failed on {}", tenant,
                                member.options().self(), e);
                    }
                } finally {
                    starting.remove(tenant);
                }
            });
        } catch (RejectedExecutionException e) {
            starting.remove(tenant); // shutting down
        }
    }

    /** The commit path factory of the tenant's store: it starts the tenant's group on this member. */
    CommitPath.Factory factory(String tenant, Path raftDirectory) {
        String groupId = TenantGroupIds.of(tenant);
        return replica -> {
            if (closed) {
                throw new StoreUnavailableException("the cluster member " + member.options().self()
                        + " is shut down", null);
            }
            member.start();
            asleepSince.remove(tenant);
            RaftGroup group = new RaftGroup(member, groupId, raftDirectory, true, stopped -> {
                byTenant.remove(tenant, stopped);
                sleepProposedNanos.remove(stopped.id());
                wokenNanos.remove(stopped.id());
            });
            RaftCommitPath path = group.start(replica, replicated);
            group.stateMachine().onDormant(term -> fallAsleep(tenant, group, term));
            group.onLocalCommit(() -> usedWhileAsleep(tenant, groupId));
            byTenant.put(tenant, group);
            if (!starting.contains(tenant)) {
                // Used here first: the peers start the group now, so that its first election finds them.
                member.wakePeers(groupId);
            }
            return path;
        };
    }

    Map<String, String> leaders() {
        Map<String, String> leaders = new TreeMap<>();
        byTenant.forEach((tenant, group) -> {
            Node node = group.node();
            PeerId leader = node == null ? null : node.getLeaderId();
            leaders.put(tenant, leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString());
        });
        return leaders;
    }

    ClusterStatus status(String tenant) {
        RaftGroup group = byTenant.get(tenant);
        if (group == null) {
            throw new StoreUnavailableException("the group of tenant " + tenant + " does not run on "
                    + member.options().self(), null);
        }
        return group.status();
    }

    /** Stops starting and balancing groups; the groups themselves stop with their stores or the member. */
    synchronized void close() {
        closed = true;
        RaftMember.stop(balancing, true, 10);
        RaftMember.stop(starter, true, 10);
    }
}
