package dev.lithair.model;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.time.Duration;

import dev.lithair.annotation.HistoryPolicy;

/**
 * What the store knows about one persistent field of an entity type, read once per type.
 *
 * @param name      the field's name, as in events and history
 * @param javaType  its declared (generic) type
 * @param getter    reads the value from an entity
 * @param history   the resolved policy: {@code FULL}, {@code VERSIONS} or {@code NONE}, never {@code DEFAULT}
 * @param versions  with {@code VERSIONS}, how many changes are kept
 * @param maxAge    the age beyond which a change is no longer kept, {@code null} for no limit; only on a
 *                  field that keeps history
 * @param immutable set at creation only
 * @param indexed   maintained in a hash index
 * @param sorted    maintained in a sorted index
 * @param unique    unique among live entities
 * @param id        the entity's identity
 * @param version   the optimistic-locking version
 */
public record FieldModel(String name, Type javaType, MethodHandle getter, HistoryPolicy history, int versions,
        Duration maxAge, boolean immutable, boolean indexed, boolean sorted, boolean unique, boolean id,
        boolean version) {

    /**
     * Reads this field from an entity of its type.
     *
     * @param entity an entity of the field's type
     * @return the field's value
     */
    public Object read(Object entity) {
        try {
            return getter.invoke(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read field " + name, e);
        }
    }

    /**
     * Number of changes kept: all for {@code FULL}, none for {@code NONE}.
     *
     * @return the number of changes kept
     */
    public int retainedChanges() {
        return switch (history) {
            case FULL -> Integer.MAX_VALUE;
            case VERSIONS -> versions;
            case NONE, DEFAULT -> 0;
        };
    }
}
