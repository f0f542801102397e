package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;

/**
 * Which of JRaft's (1.4.1) failed statuses for a task mean the task never entered the log: the commit path
 * re-routes those to the new leader, and must never re-route one that may still be committed. The texts are
 * those of {@code NodeImpl.executeApplyingTasks}, {@code NodeImpl.apply} and {@code ClosureQueueImpl.clear}.
 */
class NotAppendedExceptionTest {

    @Test
    void aTaskRefusedByAMemberThatNoLongerLeadsWasNotAppended() {
        assertThat(NotAppendedException.refusedBeforeAppending(new Status(RaftError.EPERM, "Is not leader."))).isTrue();
    }

    @Test
    void aTaskRefusedWhileTheLeaderHandsItsLeadershipOverWasNotAppended() {
        assertThat(NotAppendedException.refusedBeforeAppending(
                new Status(RaftError.EBUSY, "Is transferring leadership."))).isTrue();
    }

    @Test
    void aTaskPendingWhenItsLeaderSteppedDownMayStillBeCommitted() {
        assertThat(NotAppendedException.refusedBeforeAppending(new Status(RaftError.EPERM, "Leader stepped down")))
                .isFalse();
    }

    @Test
    void aSimilarStatusOfAnotherCallIsNotTakenForARefusalBeforeAppending() {
        // NodeImpl.readIndex answers a node that is not leader with this one.
        assertThat(NotAppendedException.refusedBeforeAppending(new Status(RaftError.EPERM, "Not leader"))).isFalse();
        assertThat(NotAppendedException.refusedBeforeAppending(Status.OK())).isFalse();
    }
}
