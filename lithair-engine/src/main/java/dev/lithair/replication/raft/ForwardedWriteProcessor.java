package dev.lithair.replication.raft;

import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;

import dev.lithair.exception.MalformedEntryException;

/**
 * On every member, answers writes forwarded by followers: the leader of the write's group checks that the
 * entry reads as a commit, proposes it as it came and answers with the outcome once applied (a malformed
 * entry is refused at once and never enters the log); a member where the group does not run, or does not
 * lead, answers "not the leader", and the follower looks for the leader again.
 *
 * @param <T> the forwarded message: {@link ForwardedWrite} for the cluster's group, {@link ForwardedGroupWrite}
 *            for a tenant's
 */
final class ForwardedWriteProcessor<T> implements RpcProcessor<T> {

    private final RaftMember member;
    private final Class<T> type;
    private final Function<T, String> groupId;
    private final Function<T, byte[]> entry;

    private ForwardedWriteProcessor(RaftMember member, Class<T> type, Function<T, String> groupId,
            Function<T, byte[]> entry) {
        this.member = member;
        this.type = type;
        this.groupId = groupId;
        this.entry = entry;
    }

    /** Answers writes forwarded within the cluster's group. */
    static ForwardedWriteProcessor<ForwardedWrite> defaultGroup(RaftMember member) {
        return new ForwardedWriteProcessor<>(member, ForwardedWrite.class, write -> RaftClusterOptions.GROUP,
                ForwardedWrite::entry);
    }

    /** Answers writes forwarded within a tenant's group. */
    static ForwardedWriteProcessor<ForwardedGroupWrite> namedGroup(RaftMember member) {
        return new ForwardedWriteProcessor<>(member, ForwardedGroupWrite.class, ForwardedGroupWrite::groupId,
                ForwardedGroupWrite::entry);
    }

    @Override
    public void handleRequest(RpcContext context, T request) {
        String id = groupId.apply(request);
        if (id.isEmpty()) {
            context.sendResponse(OutcomeCodec.PLAIN.failure(
                    new MalformedEntryException("the forwarded write names no tenant group")));
            return;
        }
        RaftGroup group = member.group(id);
        RaftCommitPath path = group == null ? null : group.path();
        if (path == null || !path.isLeader()) {
            context.sendResponse(OutcomeCodec.PLAIN.failure(new OutcomeCodec.NotLeaderException(
                    member.options().self() + " is not the leader of " + id)));
            return;
        }
        OutcomeCodec outcomes = path.outcomes();
        path.proposeForwarded(entry.apply(request)).whenComplete((result, error) -> {
            Throwable cause = error instanceof CompletionException completion ? completion.getCause() : error;
            if (cause instanceof NotAppendedException leadershipMoved) {
                // Never appended: the forwarder may send it to the new leader.
                cause = new OutcomeCodec.NotLeaderException(leadershipMoved.getMessage());
            }
            context.sendResponse(cause == null ? outcomes.success(result) : outcomes.failure(cause));
        });
    }

    @Override
    public String interest() {
        return type.getName();
    }
}
