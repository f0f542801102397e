package dev.lithair.replication.raft;

import java.util.concurrent.CompletionException;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;

/**
 * On every member, answers writes forwarded by followers: the leader checks that the entry reads as a
 * commit, proposes it as it came and answers with the outcome once applied (a malformed entry is refused
 * at once and never enters the log); any other member answers "not the leader", and the follower looks
 * for the leader again.
 */
final class ForwardedWriteProcessor implements RpcProcessor<ForwardedWrite> {

    private final RaftCommitPath path;
    private final OutcomeCodec outcomes;

    ForwardedWriteProcessor(RaftCommitPath path, OutcomeCodec outcomes) {
        this.path = path;
        this.outcomes = outcomes;
    }

    @Override
    public void handleRequest(RpcContext context, ForwardedWrite request) {
        if (!path.isLeader()) {
            context.sendResponse(outcomes.failure(new OutcomeCodec.NotLeaderException(path.self() + " is not the leader")));
            return;
        }
        path.proposeForwarded(request.entry()).whenComplete((result, error) -> {
            Throwable cause = error instanceof CompletionException completion ? completion.getCause() : error;
            context.sendResponse(cause == null ? outcomes.success(result) : outcomes.failure(cause));
        });
    }

    @Override
    public String interest() {
        return ForwardedWrite.class.getName();
    }
}
