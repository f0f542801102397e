package dev.lithair.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.HashChain;
import dev.lithair.internal.snapshot.SnapshotSection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's side of the {@link HashChain}. At start-up it checks the link of every replayed record
 * that carries one (whether or not the chain is on now); with the chain on, the writer links each
 * new record to the head of the chain, and each snapshot keeps the head as its {@code hashChain}
 * section, so that the first record after a compacted log is checked against it on the next start.
 * With the chain on, a record whose predecessor is neither in the log nor in the snapshot (the chain
 * was off when that snapshot was taken) is linked to {@link HashChain#GENESIS} and accepted unchecked.
 *
 * <p>A snapshot captures the state as applied, which may lag the records staged: the chain keeps the
 * hash of the newest applied record for it apart from the head new records link to.
 *
 * <p>Not thread-safe: used by recovery, then under the writer's lock only; a snapshot's capture is an
 * immutable value serialised on the snapshot thread.
 */
final class RecordChain implements SnapshotSection {

    private static final Logger log = LoggerFactory.getLogger(RecordChain.class);

    /** The head of the chain when a snapshot was captured: the hash of the record ending at {@code sequence}. */
    private record Anchor(long sequence, String hash) {
    }

    private final boolean enabled;
    private Anchor restored;
    private HashChain.Verifier recovery;
    /** The record the next one links to: the newest staged. */
    private String head = HashChain.GENESIS;
    /** The newest record applied (durable), which a snapshot of the state records, and its sequence. */
    private long durableSequence;
    private String durableHead = HashChain.GENESIS;

    RecordChain(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Follows a record found while opening the log, in log order, checking its link before it is
     * applied.
     *
     * @param record the decoded record when it is replayed; {@code null} when the snapshot covers it
     * @throws dev.lithair.exception.LogCorruptedException when the link is broken
     */
    void recovered(Frame frame, LogRecord record) {
        if (recovery == null) {
            recovery = restored == null ? new HashChain.Verifier()
                    : new HashChain.Verifier(restored.sequence(), restored.hash());
        }
        if (record == null) {
            recovery.pass(frame);
        } else {
            recovery.check(frame, record.previousHash());
        }
    }

    /** Recovery is over: new records continue the chain from the one ending at {@code lastSequence}. */
    void recoveredUpTo(long lastSequence) {
        if (enabled) {
            String known = recovery != null ? recovery.hashThrough(lastSequence)
                    : restored != null && restored.sequence() == lastSequence ? restored.hash()
                    : lastSequence == 0 ? HashChain.GENESIS : null;
            if (known == null) {
                log.warn("Hash chain: the record ending at sequence {} is neither in the log nor in the snapshot; "
                        + "the next record starts a new chain", lastSequence);
            }
            head = known == null ? HashChain.GENESIS : known;
            durableHead = head;
            durableSequence = lastSequence;
        }
        recovery = null;
    }

    /** The record to write: linked to the head when the chain is on. Writer thread. */
    LogRecord link(LogRecord record) {
        return enabled ? record.withPreviousHash(head) : record;
    }

    /**
     * The record was staged with this body: it is the new head. Writer thread.
     *
     * @return its hash, for {@link #durable} once it is applied; {@code null} when the chain is off
     */
    String appended(LogRecord record, StorageFormat format, byte[] body) {
        if (enabled) {
            head = HashChain.hashOf(record.firstSequence(), record.events().size(), format, body);
            return head;
        }
        return null;
    }

    /** The record ending at {@code lastSequence}, whose hash {@link #appended} returned, is applied. */
    void durable(long lastSequence, String hash) {
        if (enabled && hash != null) {
            durableHead = hash;
            durableSequence = lastSequence;
        }
    }

    /** The records staged after the last durable one are dropped: the next one links to that one. */
    void rewind() {
        head = durableHead;
    }

    @Override
    public String name() {
        return "hashChain";
    }

    @Override
    public Object capture() {
        return new Anchor(durableSequence, durableHead);
    }

    @Override
    public JsonNode serialize(Object captured) {
        Anchor anchor = (Anchor) captured;
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sequence", anchor.sequence());
        node.put("hash", anchor.hash());
        return node;
    }

    @Override
    public void restore(JsonNode data) {
        restored = data == null || !data.has("hash") ? null
                : new Anchor(data.get("sequence").asLong(), data.get("hash").asString());
    }
}
