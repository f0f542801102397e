package dev.lithair.replication.raft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;

/**
 * Commits proposed together as one Raft task: one log entry, one replication round and one force for
 * all of them, each still applied (and accepted or rejected) on its own, in order. The entry's data is
 * {@code [int count]} then {@code [int length][commit entry]} per commit.
 */
final class ProposalBatch implements Closure {

    private final List<Proposal> proposals;

    ProposalBatch(List<Proposal> proposals) {
        this.proposals = proposals;
    }

    Proposal get(int index) {
        return proposals.get(index);
    }

    /** Runs every proposal's closure with {@code status}, in order. */
    @Override
    public void run(Status status) {
        for (Proposal proposal : proposals) {
            proposal.run(status);
        }
    }

    static ByteBuffer encode(List<byte[]> entries) {
        int size = 4;
        for (byte[] entry : entries) {
            size += 4 + entry.length;
        }
        ByteBuffer data = ByteBuffer.allocate(size);
        data.putInt(entries.size());
        for (byte[] entry : entries) {
            data.putInt(entry.length).put(entry);
        }
        return data.flip();
    }

    /** The commit entries of a task's data; {@code data} is read through a view, its position unchanged. */
    static List<byte[]> decode(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        int count = view.getInt();
        List<byte[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[view.getInt()];
            view.get(entry);
            entries.add(entry);
        }
        return entries;
    }
}
