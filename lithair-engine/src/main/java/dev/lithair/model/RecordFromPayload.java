package dev.lithair.model;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a record entity straight from its payload tree, for the common shape of entity: a record
 * whose components are all plain scalars ({@code String}, {@code int}, {@code long}, {@code boolean},
 * {@code double}, their boxes, {@code BigDecimal}) and that carries no Jackson annotation. Recovery
 * turns every created entity's payload into the entity, and Jackson's tree-to-value conversion (a
 * second parse of the tree, and a reflective constructor call through a spreader) was a fifth of a
 * replay.
 *
 * <p>It builds exactly what {@link TypedEntityCodec#ENTITY_MAPPER} would: the canonical constructor
 * with each component read from its property, a missing or {@code null} property giving {@code null}
 * or a primitive's default. Whenever a property holds anything but the plain node of its component's
 * type (a number where a string is expected, a long in an int, a double in a decimal...), or the
 * constructor throws, it answers {@code null} and the caller converts with Jackson, whose coercions and
 * errors then apply unchanged.
 *
 * <p>Immutable and thread-safe.
 */
final class RecordFromPayload<T> {

    private enum Kind {
        STRING, INT, LONG, BOOLEAN, DOUBLE, DECIMAL
    }

    private record Component(String name, Kind kind, boolean primitive) {
    }

    private final List<Component> components;
    private final MethodHandle constructor;

    private RecordFromPayload(List<Component> components, MethodHandle constructor) {
        this.components = components;
        this.constructor = constructor;
    }

    /** The direct builder for {@code type}, or {@code null} when the type is not of the shape it handles. */
    static <T> RecordFromPayload<T> of(Class<T> type) {
        if (!type.isRecord() || hasJacksonAnnotation(type)) {
            return null;
        }
        RecordComponent[] recordComponents = type.getRecordComponents();
        List<Component> components = new ArrayList<>(recordComponents.length);
        Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++) {
            RecordComponent component = recordComponents[i];
            Kind kind = kindOf(component.getType());
            if (kind == null || hasJacksonAnnotation(component) || hasJacksonAnnotation(component.getAccessor())
                    || hasJacksonAnnotation(declaredField(type, component.getName()))) {
                return null;
            }
            components.add(new Component(component.getName(), kind, component.getType().isPrimitive()));
            parameterTypes[i] = component.getType();
        }
        for (Constructor<?> declared : type.getDeclaredConstructors()) {
            if (hasJacksonAnnotation(declared)) {
                return null; // Jackson may use another creator than the canonical constructor
            }
        }
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflectConstructor(canonical)
                    .asSpreader(Object[].class, parameterTypes.length);
            return new RecordFromPayload<>(List.copyOf(components), handle);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            return null;
        }
    }

    /** The entity, or {@code null} when the payload needs Jackson's conversion. */
    T build(ObjectNode payload) {
        return build(payload, null, null, -1, null);
    }

    /**
     * A builder of entities from rows of values under {@code names} (the last of a repeated name
     * counts, as in a payload built from the row), whose {@code idName} component holds the instance of
     * the id it is given when the row's value equals it.
     */
    Rows rows(String[] names, String idName) {
        int[] positions = new int[components.size()];
        int idComponent = -1;
        for (int i = 0; i < positions.length; i++) {
            positions[i] = -1;
            for (int k = 0; k < names.length; k++) {
                if (names[k].equals(components.get(i).name())) {
                    positions[i] = k;
                }
            }
            if (components.get(i).name().equals(idName)) {
                idComponent = i;
            }
        }
        return new Rows(positions, idComponent);
    }

    /** Builds entities from rows of values in one order of names; see {@link #rows}. Thread-safe. */
    final class Rows {

        private final int[] positions;
        private final int idComponent;

        private Rows(int[] positions, int idComponent) {
            this.positions = positions;
            this.idComponent = idComponent;
        }

        /** The entity, or {@code null} when the row needs Jackson's conversion. */
        T build(JsonNode[] row, String id) {
            return RecordFromPayload.this.build(null, row, positions, idComponent, id);
        }
    }

    /**
     * The entity from each component's node, taken from the payload or else from the row by position,
     * with the id's instance in {@code idComponent} when equal.
     */
    @SuppressWarnings("unchecked")
    private T build(ObjectNode payload, JsonNode[] row, int[] positions, int idComponent, String id) {
        Object[] arguments = new Object[components.size()];
        for (int i = 0; i < arguments.length; i++) {
            Component component = components.get(i);
            JsonNode node = payload != null ? payload.get(component.name())
                    : positions[i] < 0 ? null : row[positions[i]];
            if (node == null || node.isNull()) {
                arguments[i] = component.primitive() ? defaultOf(component.kind()) : null;
                continue;
            }
            Object value = plainValue(component.kind(), node);
            if (value == null) {
                return null;
            }
            arguments[i] = i == idComponent && value.equals(id) ? id : value;
        }
        try {
            return (T) constructor.invoke(arguments);
        } catch (Throwable rejected) {
            return null; // Jackson reports the constructor's failure its own way
        }
    }

    private static Object plainValue(Kind kind, JsonNode node) {
        return switch (kind) {
            case STRING -> node.isString() ? node.stringValue() : null;
            case INT -> node.isInt() ? (Object) node.intValue() : null;
            case LONG -> node.isInt() || node.isLong() ? (Object) node.longValue() : null;
            case BOOLEAN -> node.isBoolean() ? (Object) node.booleanValue() : null;
            case DOUBLE -> node.isDouble() ? (Object) node.doubleValue() : null;
            case DECIMAL -> node.isBigDecimal() ? node.decimalValue() : null;
        };
    }

    private static Object defaultOf(Kind kind) {
        return switch (kind) {
            case INT -> 0;
            case LONG -> 0L;
            case BOOLEAN -> false;
            case DOUBLE -> 0.0;
            case STRING, DECIMAL -> null;
        };
    }

    private static Kind kindOf(Class<?> type) {
        if (type == String.class) {
            return Kind.STRING;
        }
        if (type == int.class || type == Integer.class) {
            return Kind.INT;
        }
        if (type == long.class || type == Long.class) {
            return Kind.LONG;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type == double.class || type == Double.class) {
            return Kind.DOUBLE;
        }
        return type == BigDecimal.class ? Kind.DECIMAL : null;
    }

    private static java.lang.reflect.Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean hasJacksonAnnotation(AnnotatedElement element) {
        if (element == null) {
            return false;
        }
        for (Annotation annotation : element.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.")) {
                return true;
            }
        }
        return false;
    }
}
