package dev.lithair.store;

import java.util.Map;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.model.EntityCodec;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ValueLimits} as a commit meets them: its idempotency key and actor, each operation's type
 * name and id, and the documents and changes its events carry. Each check throws
 * {@link ValueLimitException} naming the entity, the path and the limit. Thread-safe: immutable.
 */
final class CommitLimits {

    /** Room an event id takes beyond its commit's idempotency key ({@code #} and the event's index). */
    private static final int EVENT_ID_SUFFIX = 12;

    private final ValueLimits limits;
    private final int maxKeyLength;
    /** Entity ids are property names in snapshots: both limits apply. */
    private final int maxIdLength;
    private final ValueLimits.Limit idLimit;

    CommitLimits(ValueLimits limits, int maxKeyLength) {
        this.limits = limits;
        this.maxKeyLength = maxKeyLength;
        this.maxIdLength = Math.min(limits.maxNameLength(), limits.maxStringLength());
        this.idLimit = maxIdLength == limits.maxNameLength() ? ValueLimits.Limit.NAME_LENGTH
                : ValueLimits.Limit.STRING_LENGTH;
    }

    ValueLimits limits() {
        return limits;
    }

    /** The commit's own texts: its idempotency key (which event ids repeat) and its actor (in every event). */
    void checkCommit(Commit commit) {
        Operation first = commit.operations().get(0);
        String key = commit.idempotencyKey();
        check(first, ValueLimits.checkText("the idempotency key", key, maxKeyLength,
                ValueLimits.Limit.IDEMPOTENCY_KEY_LENGTH));
        if (key != null && key.length() > limits.maxStringLength() - EVENT_ID_SUFFIX) {
            check(first, new ValueLimits.Violation(ValueLimits.Limit.STRING_LENGTH, "the idempotency key",
                    key.length() + EVENT_ID_SUFFIX, limits.maxStringLength()));
        }
        check(first, ValueLimits.checkText("the actor", commit.actor(), limits.maxStringLength(),
                ValueLimits.Limit.STRING_LENGTH));
    }

    /** The operation's type name and entity id. */
    void checkNames(Operation operation) {
        check(operation, ValueLimits.checkText("the type name", operation.entityType(), limits.maxNameLength(),
                ValueLimits.Limit.NAME_LENGTH));
        check(operation, ValueLimits.checkText("the id", operation.entityId(), maxIdLength, idLimit));
    }

    /** A whole entity's document (a created or deleted entity's payload, or a document as given). */
    void checkDocument(Operation operation, ObjectNode document) {
        check(operation, limits.checkDocument(document));
    }

    /** An update's payload: per changed field, its old and new value, each checked as the field's value. */
    void checkChanges(Operation operation, ObjectNode changes) {
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            check(operation, limits.checkFieldValue(change.getKey(), change.getValue().get(EntityCodec.OLD)));
            check(operation, limits.checkFieldValue(change.getKey(), change.getValue().get(EntityCodec.NEW)));
        }
    }

    /** The refusal of an entity that overflowed the stack while it was turned into a document. */
    ValueLimitException tooDeepToSerialise(Operation operation) {
        return new ValueLimitException(operation.entityType(), operation.entityId(), "the entity",
                ValueLimits.Limit.NESTING_DEPTH, limits.maxNestingDepth() + 1L, limits.maxNestingDepth(),
                operation.entityType() + " " + shortened(operation.entityId())
                        + ": the entity nests values too deep to be serialised, deeper than the limit of "
                        + limits.maxNestingDepth() + " levels (max-nesting-depth)");
    }

    /** A commit's encoded record (or replicated entry) of {@code bytes}, refused when over the record size limit. */
    void checkRecordSize(Commit commit, int bytes) {
        if (bytes > limits.maxRecordBytes()) {
            throw refusalOfRecord(commit, bytes, limits.maxRecordBytes());
        }
    }

    private static void check(Operation operation, ValueLimits.Violation violation) {
        if (violation != null) {
            throw refusal(operation.entityType(), operation.entityId(), violation);
        }
    }

    /** The refusal of {@code violation}, found in the entity {@code entityType}/{@code entityId}. */
    private static ValueLimitException refusal(String entityType, String entityId, ValueLimits.Violation violation) {
        return new ValueLimitException(entityType, entityId, violation.path(), violation.limit(), violation.actual(),
                violation.maximum(), entityType + " " + shortened(entityId) + ": " + violation.describe());
    }

    /** The refusal of a commit whose encoded record is {@code bytes} long, over {@code maximum}. */
    private static ValueLimitException refusalOfRecord(Commit commit, long bytes, long maximum) {
        Operation first = commit.operations().get(0);
        int others = commit.operations().size() - 1;
        ValueLimits.Violation violation = new ValueLimits.Violation(ValueLimits.Limit.RECORD_SIZE, "the commit's record",
                bytes, maximum);
        return new ValueLimitException(first.entityType(), first.entityId(), violation.path(), violation.limit(), bytes,
                maximum, first.entityType() + " " + shortened(first.entityId())
                        + (others > 0 ? " (and " + others + " more operations)" : "") + ": " + violation.describe());
    }

    /** An id as a message quotes it: a long one (which may be the value refused) is cut. */
    private static String shortened(String entityId) {
        return entityId == null || entityId.length() <= 64 ? entityId : entityId.substring(0, 64) + "...";
    }
}
