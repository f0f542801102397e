package dev.lithair.replication.raft;

import java.io.Serializable;

/**
 * A write a follower hands to the leader over the Raft transport: the log entry it encoded (so the
 * proposer's timestamp and actor are kept). Serialised by the transport as is.
 */
public final class ForwardedWrite implements Serializable {

    private static final long serialVersionUID = 1L;

    private byte[] entry;

    public ForwardedWrite() {
    }

    ForwardedWrite(byte[] entry) {
        this.entry = entry;
    }

    byte[] entry() {
        return entry;
    }
}
