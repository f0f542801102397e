package dev.lithair.replication.raft;

import java.io.Serializable;

/** The leader's answer to a {@link ForwardedWrite}: a JSON document that {@link OutcomeCodec} reads. */
public final class ForwardedOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    private byte[] json;

    public ForwardedOutcome() {
    }

    ForwardedOutcome(byte[] json) {
        this.json = json;
    }

    byte[] json() {
        return json;
    }
}
