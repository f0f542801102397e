package dev.lithair.replication.raft;

/**
 * A write a follower hands to the leader over the Raft transport: the log entry it encoded (so the
 * proposer's timestamp and actor are kept). Its bytes are the whole message ({@link ForwardedBytesSerializer}).
 */
final class ForwardedWrite {

    private final byte[] entry;

    ForwardedWrite(byte[] entry) {
        this.entry = entry;
    }

    byte[] entry() {
        return entry;
    }
}
