package dev.lithair.index;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Map;

import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;

/**
 * The indexes one field declares: a hash index for {@code @Indexed} (also present when sorted, so
 * equality and counts stay O(1)), a sorted index for {@code @Indexed(sorted = true)}, a unique index
 * for {@code @Unique}. Mutated by the writer thread only.
 */
final class FieldIndexes {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
            char.class, Character.class, boolean.class, Boolean.class);

    final FieldModel field;
    /** {@code Type.field}, for messages. */
    final String description;
    final HashIndex hash;
    final SortedIndex sorted;
    final UniqueIndex unique;
    /** The field's declared class, boxed. */
    private final Class<?> valueClass;

    FieldIndexes(EntityModel<?> model, FieldModel field) {
        this.field = field;
        this.description = model.name() + "." + field.name();
        this.valueClass = boxed(rawClass(field.javaType()));
        if (field.sorted() && !Comparable.class.isAssignableFrom(valueClass)
                && !Number.class.isAssignableFrom(valueClass)) {
            throw new IllegalArgumentException(model.type().getSimpleName() + "." + field.name()
                    + " is @Indexed(sorted = true) but its type " + field.javaType().getTypeName()
                    + " is not Comparable: declare a Comparable type, or use @Indexed without sorted");
        }
        this.hash = field.indexed() || field.sorted() ? new HashIndex() : null;
        this.sorted = field.sorted() ? new SortedIndex() : null;
        this.unique = field.unique() ? new UniqueIndex() : null;
    }

    static boolean declaresIndex(FieldModel field) {
        return field.indexed() || field.sorted() || field.unique();
    }

    /** The key of this field's value in an entity. */
    Object keyOf(Object entity) {
        return IndexKey.of(field.read(entity));
    }

    void add(Object key, String id) {
        if (hash != null) {
            hash.add(key, id);
        }
        if (sorted != null) {
            sorted.add(key, id);
        }
        if (unique != null) {
            unique.add(key, id);
        }
    }

    void remove(Object key, String id) {
        if (hash != null) {
            hash.remove(key, id);
        }
        if (sorted != null) {
            sorted.remove(key, id);
        }
        if (unique != null) {
            unique.remove(key, id);
        }
    }

    /** Fails when a range bound cannot be compared with this field's values (a String against an Instant). */
    void checkBound(Object bound) {
        if (bound == null) {
            return;
        }
        boolean numeric = Number.class.isAssignableFrom(valueClass);
        boolean fits = numeric ? bound instanceof Number
                : valueClass.isInstance(bound) || (valueClass.isInterface() && bound instanceof Comparable);
        if (!fits) {
            throw new IllegalArgumentException(description + " holds " + valueClass.getName()
                    + " values: a bound of type " + bound.getClass().getName() + " (" + bound
                    + ") cannot be compared with them");
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return rawClass(parameterized.getRawType());
        }
        if (type instanceof TypeVariable<?> variable) {
            return variable.getBounds().length == 0 ? Object.class : rawClass(variable.getBounds()[0]);
        }
        if (type instanceof WildcardType wildcard) {
            return wildcard.getUpperBounds().length == 0 ? Object.class : rawClass(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }
}
