package dev.lithair.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts one entity type between its in-memory form and event payloads, and computes the
 * changes between two states. The store holds entities in their in-memory form and never modifies
 * one after publishing it. Implementations are thread-safe.
 *
 * <p>Payloads: {@code CREATED} and {@code DELETED} carry the whole state ({@link #toPayload});
 * {@code UPDATED} carries, per changed field, {@code {"old": …, "new": …}} ({@link #diff}); a field
 * that disappeared has no {@code "new"}.
 *
 * @param <T> the entity type
 */
public interface EntityCodec<T> {

    /** The property of an {@code UPDATED} payload's field change holding the value before. */
    String OLD = "old";
    /** The property of an {@code UPDATED} payload's field change holding the value after. */
    String NEW = "new";

    /** {@return the type's name in events} */
    String typeName();

    /** {@return the model of a typed entity, or {@code null} for schemaless JSON documents} */
    EntityModel<T> model();

    /**
     * Whether {@code entity} is of this codec's type.
     *
     * @param entity any object
     * @return whether it is of the type
     */
    boolean accepts(Object entity);

    /**
     * The whole state of an entity, as the payload of a {@code CREATED} or {@code DELETED} event.
     *
     * @param entity the entity
     * @return the payload
     */
    ObjectNode toPayload(T entity);

    /**
     * The entity a whole-state payload holds.
     *
     * @param payload a {@code CREATED} or {@code DELETED} payload, or a snapshot's state
     * @return the entity
     */
    T fromPayload(ObjectNode payload);

    /**
     * The entity a whole-state payload holds, given the id the store keys it by: where the payload's
     * id is that same string, the entity holds this instance. Loading reads each id twice (the key
     * and the entity's field); sharing one string keeps a reopened store as small as a written one.
     *
     * @param payload a {@code CREATED} payload, or a snapshot's state; its id may be replaced by {@code id}
     * @param id      the id the store keys the entity by
     * @return the entity
     */
    default T fromPayload(ObjectNode payload, String id) {
        return fromPayload(payload);
    }

    /**
     * Builds entities from rows of values that share field names, as a snapshot's chunks hold them:
     * what it reads from a row is what {@link #fromPayload(ObjectNode, String)} gives for the payload
     * of each {@code names[k]} with the row's value {@code k}. A codec that can build an entity straight
     * from the row saves loading a payload per entity.
     *
     * @param names the fields' names, in the rows' order; the caller does not change it afterwards
     * @return a reader of rows under those names; thread-safe
     */
    default RowReader<T> rowReader(String[] names) {
        return (values, id) -> fromPayload(payloadOf(names, values), id);
    }

    /**
     * The payload of a row: each {@code names[k]} with the row's value {@code k}.
     *
     * @param names  the fields' names
     * @param values as many values
     * @return a new payload
     */
    static ObjectNode payloadOf(String[] names, JsonNode[] values) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        for (int k = 0; k < names.length; k++) {
            payload.set(names[k], values[k]);
        }
        return payload;
    }

    /**
     * Reads one entity from one row of values; see {@link #rowReader}.
     *
     * @param <T> the entity type
     */
    @FunctionalInterface
    interface RowReader<T> {

        /**
         * The entity a row holds.
         *
         * @param values one value per name the reader was made for; the caller may reuse the array
         *               once this returns
         * @param id     the id the store keys the entity by, whose instance the entity then holds
         * @return the entity
         */
        T read(JsonNode[] values, String id);
    }

    /**
     * The changes that turn {@code before} into {@code after}, or {@code null} when nothing changed.
     *
     * @param before the state before
     * @param after  the state after
     * @return the {@code UPDATED} payload, or {@code null}
     */
    ObjectNode diff(T before, T after);

    /**
     * The state after applying an {@code UPDATED} payload to {@code before}; {@code before} is unchanged.
     *
     * @param before  the state before
     * @param changes an {@code UPDATED} payload
     * @return the state after
     */
    T applyChanges(T before, ObjectNode changes);

    /**
     * A field's Java value, read from an entity; {@code null} when absent.
     *
     * @param entity the entity
     * @param field  the field's name
     * @return the value, or {@code null}
     */
    Object fieldValue(T entity, String field);

    /**
     * A copy of {@code entity} with one field set to {@code value}.
     *
     * @param entity the entity, unchanged
     * @param field  the field's name
     * @param value  the new value
     * @return the copy
     */
    T withFieldValue(T entity, String field, Object value);

    /**
     * A field's Java value, converted from its JSON form in a payload.
     *
     * @param field the field's name
     * @param value its JSON form
     * @return its Java value
     */
    Object fieldFromJson(String field, JsonNode value);

    /**
     * What a caller receives: the stored instance when the type cannot be modified (records,
     * documents are handed out read-only), otherwise a copy, so that changing it changes nothing
     * until it is saved.
     *
     * @param stored the stored instance
     * @return what the caller receives
     */
    T exposed(T stored);

    /**
     * What the store keeps of an entity a caller handed in: a copy when the caller could still modify it.
     *
     * @param given the entity the caller handed in
     * @return what the store keeps
     */
    T retained(T given);
}
