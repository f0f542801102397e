package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.lithair.replication.raft.MembershipChange;

/**
 * Records the membership and leadership changes asked of this cluster member over the Raft transport
 * (JRaft CLI calls: peers and learners added, removed or reset, leadership transferred) as admin actions:
 * on the logger {@code lithair.admin.audit} (INFO for successes, WARN for failures) and to every
 * {@link LithairAdminAuditSink}, as the admin routes are. The principal is the subject of the caller's
 * certificate ({@code unauthenticated} without TLS), the action {@code raft-<change>}, e.g.
 * {@code raft-add-peer}. Thread-safe.
 */
public class RaftMembershipAudit implements Consumer<MembershipChange> {

    private final Supplier<List<LithairAdminAuditSink>> sinks;

    /**
     * An audit publishing to the sinks.
     *
     * @param sinks the sinks at the time of each change (beans may come after the cluster member)
     */
    public RaftMembershipAudit(Supplier<List<LithairAdminAuditSink>> sinks) {
        this.sinks = sinks;
    }

    @Override
    public void accept(MembershipChange change) {
        LithairAdminAudit.publish(new AdminAuditEvent(change.peer() == null ? "unauthenticated" : change.peer(),
                "raft-" + change.action(), change.request(), change.outcome(), change.receivedAt(),
                change.remoteAddress()), sinks.get());
    }
}
