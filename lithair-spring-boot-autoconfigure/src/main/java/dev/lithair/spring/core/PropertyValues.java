package dev.lithair.spring.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.core.PropertyPath;

/**
 * Reads property values, also along nested paths ({@code address.city}), from records (through
 * their accessors) and classes (through their fields, as the store does). Read handles are resolved
 * once per class and property. Thread-safe.
 */
final class PropertyValues {

    private static final ClassValue<Map<String, MethodHandle>> READERS = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private PropertyValues() {
    }

    /** The value at {@code path} in {@code entity}; {@code null} when a step on the way is {@code null}. */
    static Object read(Object entity, PropertyPath path) {
        Object value = entity;
        for (PropertyPath step = path; step != null && value != null; step = step.hasNext() ? step.next() : null) {
            value = readProperty(value, step.getSegment());
        }
        return value;
    }

    /** The value at a dotted path. */
    static Object read(Object entity, String dotPath) {
        Object value = entity;
        for (String segment : dotPath.split("\\.")) {
            if (value == null) {
                return null;
            }
            value = readProperty(value, segment);
        }
        return value;
    }

    private static Object readProperty(Object target, String property) {
        MethodHandle reader = READERS.get(target.getClass()).computeIfAbsent(property,
                name -> reader(target.getClass(), name));
        try {
            return reader.invoke(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + property + " of " + target.getClass().getName(), e);
        }
    }

    private static MethodHandle reader(Class<?> type, String property) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(property)) {
                        Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        return lookup.unreflect(accessor);
                    }
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(property);
                    field.setAccessible(true);
                    return lookup.unreflectGetter(field);
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                }
            }
        } catch (IllegalAccessException | RuntimeException e) {
            throw new InvalidDataAccessApiUsageException("cannot read " + type.getName() + "." + property, e);
        }
        throw new InvalidDataAccessApiUsageException(type.getName() + " has no property " + property);
    }
}
