package dev.lithair.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.entity.NodeId;
import com.codahale.metrics.Timer;

/**
 * The forced writes of the Raft logs running in this JVM, by node (a group on a member): JRaft times each
 * batch its log manager writes to the log storage ({@code append-logs}, in the node's metrics), and each
 * such write is forced before it returns, so their count is the log's forces and their time its forcing.
 *
 * @param byNode each node's forces so far and their recent mean duration
 */
record RaftLogForces(Map<NodeId, Log> byNode) {

    private static final String APPEND_LOGS = "append-logs";

    /**
     * One node's log.
     *
     * @param member     the member it runs on, {@code host:raftPort}
     * @param forces     its forced writes so far
     * @param meanNanos  their mean duration, recent ones weighing most
     */
    record Log(String member, long forces, double meanNanos) {
    }

    /** {@return the forces so far of every Raft node running now} */
    static RaftLogForces now() {
        Map<NodeId, Log> byNode = new HashMap<>();
        for (Node node : NodeManager.getInstance().getAllNodes()) {
            if (node.getNodeMetrics() != null && node.getNodeMetrics().getMetricRegistry() != null) {
                Timer appends = node.getNodeMetrics().getMetricRegistry().getTimers().get(APPEND_LOGS);
                if (appends != null) {
                    byNode.put(node.getNodeId(), new Log(node.getNodeId().getPeerId().getEndpoint().toString(),
                            appends.getCount(), appends.getSnapshot().getMean()));
                }
            }
        }
        return new RaftLogForces(byNode);
    }

    /** {@return each member's forces per second from {@code earlier} to this snapshot, in the order given} */
    double[] perSecondByMember(RaftLogForces earlier, List<String> members, double seconds) {
        double[] perSecond = new double[members.size()];
        byNode.forEach((node, log) -> {
            int member = members.indexOf(log.member());
            if (member >= 0) {
                perSecond[member] += forcesSince(earlier, node, log) / seconds;
            }
        });
        return perSecond;
    }

    /**
     * The busiest log's share of the time spent forcing from {@code earlier} to this snapshot: a log forces
     * one batch at a time, so at 1 it takes no more commits, whatever the cores.
     */
    double busiestDuty(RaftLogForces earlier, double seconds) {
        double busiest = 0;
        for (Map.Entry<NodeId, Log> node : byNode.entrySet()) {
            double duty = forcesSince(earlier, node.getKey(), node.getValue()) / seconds * node.getValue().meanNanos() / 1e9;
            busiest = Math.max(busiest, duty);
        }
        return busiest;
    }

    private static long forcesSince(RaftLogForces earlier, NodeId node, Log log) {
        Log before = earlier.byNode.get(node);
        return log.forces() - (before == null ? 0 : before.forces());
    }
}
