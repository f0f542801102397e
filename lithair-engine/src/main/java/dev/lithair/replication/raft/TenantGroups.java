package dev.lithair.replication.raft;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.PeerId;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.spi.CommitPath;

/**
 * The tenants' Raft groups on one member: each tenant's store commits through a group of its own, started
 * on first use here, or when a peer asks something of it (its store is then opened through the opener the
 * application gave), and the leaderships kept spread over the members by {@link TenantLeaderBalancer}.
 *
 * <p>Thread-safe.
 */
final class TenantGroups {

    private static final Logger log = LoggerFactory.getLogger(TenantGroups.class);

    /** How often a member checks whether it leads more tenant groups than its share. */
    static final long BALANCE_INTERVAL_MILLIS = 2_000;

    private final RaftMember member;
    private final LongConsumer replicated;
    private final Map<String, RaftGroup> byTenant = new ConcurrentHashMap<>();
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> opener;
    private volatile boolean closed;
    private ExecutorService starter;
    private ScheduledExecutorService balancing;

    TenantGroups(RaftMember member, LongConsumer replicated) {
        this.member = member;
        this.replicated = replicated;
    }

    /** Starts hosting: groups peers ask for are opened through {@code opener}, and leaderships balanced. */
    synchronized void host(Consumer<String> tenantOpener) {
        if (opener != null) {
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
            } catch (RuntimeException e) {
                log.warn("Balancing the tenants' leaders on {} failed", member.options().self(), e);
            }
        }, BALANCE_INTERVAL_MILLIS, BALANCE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        opener = tenantOpener;
    }

    /**
     * A peer asked something of the group {@code groupId}: when it is a tenant's that does not run here, its
     * store is opened on a thread of the starter (never on the transport's thread, as opening reads files).
     * The peer's request itself is answered "no such group" meanwhile, and the peer retries.
     */
    void asked(String groupId) {
        Consumer<String> current = opener;
        if (current == null || closed) {
            return;
        }
        String tenant = TenantGroupIds.tenantOf(groupId);
        if (tenant == null || byTenant.containsKey(tenant) || !starting.add(tenant)) {
            return;
        }
        try {
            starter.execute(() -> {
                try {
                    if (!closed && !byTenant.containsKey(tenant)) {
                        current.accept(tenant);
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
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
            RaftGroup group = new RaftGroup(member, groupId, raftDirectory, true,
                    stopped -> byTenant.remove(tenant, stopped));
            RaftCommitPath path = group.start(replica, replicated);
            byTenant.put(tenant, group);
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
        for (ExecutorService executor : new ExecutorService[] {balancing, starter}) {
            if (executor != null) {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
