package dev.lithair.internal.codec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lithair.event.EventEnvelope;

/**
 * The unit of durability: all events of one commit (one transaction), written as one framed
 * record, so that they are all recovered or none is.
 *
 * @param idempotencyKey the key the caller gave for the commit, or {@code null}; a key is applied once
 * @param events         the commit's events, with consecutive sequence numbers; never empty
 * @param previousHash   with the hash chain on, the hash of the record before this one, as defined by
 *                       {@code dev.lithair.internal.log.HashChain}; {@code null} (and absent from the stored
 *                       record) otherwise
 */
public record LogRecord(String idempotencyKey, List<EventEnvelope> events,
        @JsonInclude(JsonInclude.Include.NON_NULL) String previousHash) {

    public LogRecord {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a log record holds at least one event");
        }
        events = List.copyOf(events);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).sequence() != events.get(i - 1).sequence() + 1) {
                throw new IllegalArgumentException("events of a record must have consecutive sequences");
            }
        }
    }

    /** A record outside any hash chain. */
    public LogRecord(String idempotencyKey, List<EventEnvelope> events) {
        this(idempotencyKey, events, null);
    }

    /** The same record, linked to the one before it. */
    public LogRecord withPreviousHash(String hash) {
        return new LogRecord(idempotencyKey, events, hash);
    }

    public long firstSequence() {
        return events.get(0).sequence();
    }

    public long lastSequence() {
        return events.get(events.size() - 1).sequence();
    }
}
