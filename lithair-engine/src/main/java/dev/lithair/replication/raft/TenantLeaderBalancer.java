package dev.lithair.replication.raft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;

/**
 * Keeps the leadership of the tenants' groups spread over the members: elections choose leaders at random,
 * and a member that comes back leads nothing, so a member leading more groups than its share (the groups
 * divided by the members alive, rounded up) hands the excess over to the members leading fewer than theirs,
 * with JRaft's leader transfer, once the group's commits under way have their outcome. Every member runs it
 * on the groups it leads, from its own view of the leaders: no coordinator, and a member never takes a
 * leadership, only gives.
 *
 * <p>Called by one thread at a time.
 */
final class TenantLeaderBalancer {

    private static final Logger log = LoggerFactory.getLogger(TenantLeaderBalancer.class);

    /** Transfers one round starts at most: each one pauses its group's writes for a moment. */
    static final int MAX_TRANSFERS_PER_ROUND = 2;

    private final String self;

    TenantLeaderBalancer(String self) {
        this.self = self;
    }

    /**
     * One round: hands over leaderships beyond this member's share.
     *
     * @param groups the tenant groups running on this member
     * @return the transfers started
     */
    int balance(Collection<RaftGroup> groups) {
        Map<String, Integer> led = new HashMap<>();
        List<RaftGroup> mine = new ArrayList<>();
        Set<String> alive = new HashSet<>();
        int total = 0;
        for (RaftGroup group : groups) {
            Node node = group.node();
            if (node == null) {
                continue;
            }
            total++;
            PeerId leader = node.getLeaderId();
            if (leader == null || leader.isEmpty()) {
                continue;
            }
            led.merge(leader.getEndpoint().toString(), 1, Integer::sum);
            if (node.isLeader()) {
                mine.add(group);
                node.listAlivePeers().forEach(peer -> alive.add(peer.getEndpoint().toString()));
            }
        }
        if (mine.isEmpty()) {
            return 0;
        }
        alive.add(self);
        int share = (total + alive.size() - 1) / alive.size();
        int excess = mine.size() - share;
        int transfers = 0;
        mine.sort(Comparator.comparing(RaftGroup::id));
        for (RaftGroup group : mine) {
            if (excess <= 0 || transfers == MAX_TRANSFERS_PER_ROUND) {
                break;
            }
            Node node = group.node();
            Set<String> groupAlive = new HashSet<>();
            node.listAlivePeers().forEach(peer -> groupAlive.add(peer.getEndpoint().toString()));
            String target = groupAlive.stream().filter(peer -> !peer.equals(self))
                    .filter(peer -> led.getOrDefault(peer, 0) < share)
                    .min(Comparator.comparingInt((String peer) -> led.getOrDefault(peer, 0))
                            .thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
            if (target == null) {
                continue;
            }
            Status status = group.path().transferLeadershipTo(RaftCluster.peer(target));
            if (status.isOk()) {
                log.debug("{} hands the leadership of {} to {} ({} groups, share {})", self, node.getGroupId(), target,
                        total, share);
                led.merge(target, 1, Integer::sum);
                excess--;
                transfers++;
            } else {
                log.debug("{} could not hand the leadership of {} to {}: {}", self, node.getGroupId(), target, status);
            }
        }
        return transfers;
    }
}
