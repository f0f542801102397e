package dev.lithair.replication.raft;

import java.util.function.Consumer;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;

/** On every member, answers a peer's {@link WakeGroup}: the tenant's group is started here if it is not running. */
final class WakeGroupProcessor implements RpcProcessor<WakeGroup> {

    private final Consumer<String> wake;

    /** @param wake starts the group of this id if it does not run here; must not block */
    WakeGroupProcessor(Consumer<String> wake) {
        this.wake = wake;
    }

    @Override
    public void handleRequest(RpcContext context, WakeGroup request) {
        if (!request.groupId().isEmpty()) {
            wake.accept(request.groupId());
        }
        context.sendResponse(new ForwardedOutcome(new byte[0]));
    }

    @Override
    public String interest() {
        return WakeGroup.class.getName();
    }
}
