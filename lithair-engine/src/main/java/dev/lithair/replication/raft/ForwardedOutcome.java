package dev.lithair.replication.raft;

/**
 * The leader's answer to a {@link ForwardedWrite}: a JSON document that {@link OutcomeCodec} reads. Its
 * bytes are the whole message ({@link ForwardedBytesSerializer}).
 */
final class ForwardedOutcome {

    private final byte[] json;

    ForwardedOutcome(byte[] json) {
        this.json = json;
    }

    byte[] json() {
        return json;
    }
}
