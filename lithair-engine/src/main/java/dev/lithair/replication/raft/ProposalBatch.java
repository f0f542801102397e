package dev.lithair.replication.raft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;

import dev.lithair.exception.MalformedEntryException;

/**
 * Commits proposed together as one Raft task: one log entry, one replication round and one force for
 * all of them, each still applied (and accepted or rejected) on its own, in order. The entry's data is
 * {@code [int count]} then {@code [int length][commit entry]} per commit; a count of 0, which no batch has,
 * marks a control entry instead ({@link #dormantMarker}).
 */
final class ProposalBatch implements Closure {

    private final List<Proposal> proposals;
    private final Runnable whenDone;

    /**
     * @param proposals the commits of the task, in order
     * @param whenDone  run once Raft has run the task's closure, after the proposals' own
     */
    ProposalBatch(List<Proposal> proposals, Runnable whenDone) {
        this.proposals = proposals;
        this.whenDone = whenDone;
    }

    Proposal get(int index) {
        return proposals.get(index);
    }

    int size() {
        return proposals.size();
    }

    /** Marks every proposal rejected with {@code cause}; their futures fail when the closure runs. */
    void rejectAll(RuntimeException cause) {
        for (Proposal proposal : proposals) {
            proposal.rejected(cause);
        }
    }

    /** Runs every proposal's closure with {@code status}, in order. */
    @Override
    public void run(Status status) {
        try {
            for (Proposal proposal : proposals) {
                proposal.run(status);
            }
        } finally {
            whenDone.run();
        }
    }

    /** The kind of the control entry that puts a tenant's group to sleep ({@link #dormantMarker}). */
    private static final int DORMANT = 1;

    /**
     * The data of the control entry that puts a tenant's group to sleep on every member: a commit count of 0,
     * which no batch of commits has, then its kind.
     */
    static ByteBuffer dormantMarker() {
        return ByteBuffer.allocate(8).putInt(0).putInt(DORMANT).flip();
    }

    /** Whether a task's data is the {@link #dormantMarker}; {@code data} is read through a view. */
    static boolean isDormantMarker(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        return view.remaining() == 8 && view.getInt() == 0 && view.getInt() == DORMANT;
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

    /**
     * The commit entries of a task's data; {@code data} is read through a view, its position unchanged.
     *
     * @throws MalformedEntryException when the framing does not hold exactly {@code count} entries that
     *                                 fill the data (a negative or impossible count or length, missing or
     *                                 trailing bytes)
     */
    static List<byte[]> decode(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        if (view.remaining() < 4) {
            throw new MalformedEntryException("a Raft entry of " + view.remaining() + " byte(s) holds no commit count");
        }
        int count = view.getInt();
        // Each commit takes at least its 4-byte length: a count beyond that cannot be real.
        if (count < 1 || count > view.remaining() / 4) {
            throw new MalformedEntryException("a Raft entry of " + data.remaining() + " bytes cannot hold " + count
                    + " commit(s)");
        }
        List<byte[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (view.remaining() < 4) {
                throw new MalformedEntryException("commit " + i + " of a Raft entry has no length");
            }
            int length = view.getInt();
            if (length < 0 || length > view.remaining()) {
                throw new MalformedEntryException("commit " + i + " of a Raft entry claims " + length + " bytes; "
                        + view.remaining() + " are left");
            }
            byte[] entry = new byte[length];
            view.get(entry);
            entries.add(entry);
        }
        if (view.hasRemaining()) {
            throw new MalformedEntryException("a Raft entry holds " + view.remaining() + " byte(s) after its "
                    + count + " commit(s)");
        }
        return entries;
    }
}
