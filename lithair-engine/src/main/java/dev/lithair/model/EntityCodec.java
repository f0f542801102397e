package dev.lithair.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts one entity type between its in-memory form and event payloads, and computes the
 * changes between two states. The store holds entities in their in-memory form and never modifies
 * one after publishing it. Implementations are thread-safe.
 *
 * <p>Payloads: {@code CREATED} and {@code DELETED} carry the whole state ({@link #toPayload});
 * {@code UPDATED} carries, per changed field, {@code {"old": …, "new": …}} ({@link #diff}); a field
 * that disappeared has no {@code "new"}.
 */
public interface EntityCodec<T> {

    String OLD = "old";
    String NEW = "new";

    /** The type's name in events. */
    String typeName();

    /** The model of a typed entity, or {@code null} for schemaless JSON documents. */
    EntityModel<T> model();

    /** Whether {@code entity} is of this codec's type. */
    boolean accepts(Object entity);

    ObjectNode toPayload(T entity);

    T fromPayload(ObjectNode payload);

    /** The changes that turn {@code before} into {@code after}, or {@code null} when nothing changed. */
    ObjectNode diff(T before, T after);

    /** The state after applying an {@code UPDATED} payload to {@code before}; {@code before} is unchanged. */
    T applyChanges(T before, ObjectNode changes);

    /** A field's Java value, read from an entity; {@code null} when absent. */
    Object fieldValue(T entity, String field);

    /** A copy of {@code entity} with one field set to {@code value}. */
    T withFieldValue(T entity, String field, Object value);

    /** A field's Java value, converted from its JSON form in a payload. */
    Object fieldFromJson(String field, JsonNode value);

    /**
     * What a caller receives: the stored instance when the type cannot be modified (records,
     * documents are handed out read-only), otherwise a copy, so that changing it changes nothing
     * until it is saved.
     */
    T exposed(T stored);

    /** What the store keeps of an entity a caller handed in: a copy when the caller could still modify it. */
    T retained(T given);
}
