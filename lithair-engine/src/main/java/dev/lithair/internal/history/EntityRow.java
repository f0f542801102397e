package dev.lithair.internal.history;

/**
 * What the store's table of a typed entity type holds under each live id: the entity together with its
 * retained history, in one object. One table per type rather than a table of entities beside a table
 * of histories saves a map entry per entity, and a reader still finds the entity in one lookup.
 *
 * <p>A schemaless document type keeps no history: its table holds the documents themselves, which
 * {@link #entity} returns unchanged.
 */
public abstract class EntityRow {

    EntityRow() {
    }

    /** {@return the entity now, {@code null} once deleted} */
    public abstract Object current();

    /**
     * The entity a table value stands for.
     *
     * @param value a value of a store table: a row, a document, or {@code null}
     * @return the entity, or {@code null}
     */
    public static Object entity(Object value) {
        return value instanceof EntityRow row ? row.current() : value;
    }
}
