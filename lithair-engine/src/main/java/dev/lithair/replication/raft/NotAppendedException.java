package dev.lithair.replication.raft;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;

import dev.lithair.exception.StoreUnavailableException;

/**
 * The node refused a proposal before appending it to its log, as it stopped leading or was handing its
 * leadership over: nothing of it is committed, so the commit path sends it to the new leader instead of
 * failing it. The statuses are JRaft's (1.4.1, {@code NodeImpl.executeApplyingTasks}), pinned by a test.
 */
final class NotAppendedException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    NotAppendedException(Status status) {
        super("the leader refused the commit before appending it (" + status + "); nothing of it is committed", null);
    }

    /** Whether JRaft refused the task with {@code status} before it entered the log. */
    static boolean refusedBeforeAppending(Status status) {
        RaftError error = status.getRaftError();
        return error == RaftError.EPERM && "Is not leader.".equals(status.getErrorMsg())
                || error == RaftError.EBUSY && "Is transferring leadership.".equals(status.getErrorMsg());
    }
}
