package dev.lithair.replication.raft;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.CommitRejectedException;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.store.spi.CommitResult;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a commit's outcome on the leader and reads it back on the follower that forwarded the
 * commit, so that the follower's caller gets the same result, or the same typed exception, as a caller
 * on the leader. Thread-safe.
 */
final class OutcomeCodec {

    /** The member asked is not the leader (any more); the forwarder looks for the leader again. */
    static final class NotLeaderException extends RuntimeException {
        NotLeaderException(String message) {
            super(message, null, false, false);
        }
    }

    /** For failures answered before a store is known (no group, not the leader): they carry only a message. */
    static final OutcomeCodec PLAIN = new OutcomeCodec(ValueLimits.defaults());

    /** Within the store's limits: a success carries the commit's events, whose payloads may be as large as they allow. */
    private final JsonMapper json;

    OutcomeCodec(ValueLimits limits) {
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits.readConstraints())
                .streamWriteConstraints(limits.writeConstraints()).build()).build();
    }

    ForwardedOutcome success(CommitResult result) {
        ObjectNode document = json.createObjectNode();
        document.set("result", json.valueToTree(result));
        return new ForwardedOutcome(json.writeValueAsBytes(document));
    }

    ForwardedOutcome failure(Throwable cause) {
        ObjectNode error = json.createObjectNode();
        error.put("message", cause.getMessage());
        if (cause instanceof CommitRejectedException rejected) {
            error.put("entityType", rejected.entityType());
            error.put("entityId", rejected.entityId());
            error.put("field", rejected.field());
            error.set("value", json.valueToTree(rejected.value()));
            if (rejected instanceof UniqueViolationException unique) {
                error.put("kind", "unique");
                error.put("holderId", unique.holderId());
            } else if (rejected instanceof ImmutableFieldException immutable) {
                error.put("kind", "immutable");
                error.set("current", json.valueToTree(immutable.current()));
            } else if (rejected instanceof VersionConflictException version) {
                error.put("kind", "version");
                error.set("stored", json.valueToTree(version.stored()));
            } else if (rejected instanceof ValueLimitException limit) {
                error.put("kind", "value-limit");
                error.put("limit", limit.limit().name());
                error.put("actual", limit.actual());
                error.put("maximum", limit.maximum());
            } else {
                error.put("kind", "unavailable");
            }
        } else if (cause instanceof MalformedEntryException) {
            error.put("kind", "malformed");
        } else if (cause instanceof NotLeaderException) {
            error.put("kind", "not-leader");
        } else if (cause instanceof IllegalArgumentException) {
            error.put("kind", "illegal-argument");
        } else {
            error.put("kind", "unavailable");
        }
        ObjectNode document = json.createObjectNode();
        document.set("error", error);
        return new ForwardedOutcome(json.writeValueAsBytes(document));
    }

    /**
     * The result the leader returned.
     *
     * @throws RuntimeException the exception the leader's caller would have got, or a
     *                          {@link StoreUnavailableException} when the answer cannot be read (the
     *                          outcome is then unknown)
     */
    CommitResult read(ForwardedOutcome outcome) {
        JsonNode document = parse(outcome.json());
        JsonNode result = document.get("result");
        if (result != null) {
            try {
                return json.treeToValue(result, CommitResult.class);
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }
        JsonNode error = document.get("error");
        if (error == null || !error.isObject()) {
            throw unreadable(null);
        }
        String message = error.path("message").asString(null);
        String type = error.path("entityType").asString(null);
        String id = error.path("entityId").asString(null);
        String field = error.path("field").asString(null);
        Object value = plain(error.get("value"));
        switch (error.path("kind").asString("")) {
            case "unique":
                throw new UniqueViolationException(type, id, field, value, error.path("holderId").asString(null));
            case "immutable":
                throw new ImmutableFieldException(type, id, field, plain(error.get("current")), value);
            case "version":
                throw new VersionConflictException(type, id, field, value, plain(error.get("stored")));
            case "malformed":
                throw new MalformedEntryException(message);
            case "value-limit":
                throw new ValueLimitException(type, id, field, ValueLimits.Limit.valueOf(error.path("limit").asString()),
                        error.path("actual").asLong(), error.path("maximum").asLong(), message);
            case "illegal-argument":
                throw new IllegalArgumentException(message);
            case "not-leader":
                throw new NotLeaderException(message);
            default:
                throw new StoreUnavailableException("the leader could not commit: " + message, null);
        }
    }

    private JsonNode parse(byte[] bytes) {
        JsonNode document;
        try {
            document = bytes == null ? null : json.readTree(bytes);
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
        if (document == null || !document.isObject()) {
            throw unreadable(null);
        }
        return document;
    }

    private static StoreUnavailableException unreadable(RuntimeException cause) {
        return new StoreUnavailableException("the leader's answer to a forwarded write cannot be read"
                + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + ": its outcome is unknown; retry it with the same idempotency key", cause);
    }

    private Object plain(JsonNode node) {
        try {
            return node == null || node.isNull() ? null : json.treeToValue(node, Object.class);
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }
}
