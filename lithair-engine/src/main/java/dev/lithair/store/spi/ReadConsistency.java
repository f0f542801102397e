package dev.lithair.store.spi;

/** How current a read must be in a cluster. On a single node every read is current. */
public enum ReadConsistency {

    /** This node's state as it is: never blocks, possibly behind the leader on a follower. */
    LOCAL,

    /**
     * Includes every write acknowledged before the read began, wherever it was made: the node confirms
     * the leader's commit index (Raft ReadIndex) and waits until it has applied that far.
     */
    LINEARIZABLE
}
