package dev.lithair.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies entities of a mutable class, so that what the store holds is never the object a caller
 * can still change. Records are immutable and are not copied. Collections held in fields are
 * copied one level deep; other field values (strings, numbers, dates) are shared, being immutable.
 * Classes without a no-argument constructor are copied through their payload instead.
 */
abstract class EntityCopier<T> {

    abstract T copy(T entity);

    static <T> EntityCopier<T> of(EntityModel<T> model) {
        Class<T> type = model.type();
        if (type.isRecord()) {
            return new EntityCopier<>() {
                @Override
                T copy(T entity) {
                    return entity;
                }
            };
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle create = lookup.unreflectConstructor(constructor);
            List<MethodHandle[]> accessors = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    if (Modifier.isFinal(field.getModifiers())) {
                        throw new IllegalAccessException(field + " is final: copy through the payload instead");
                    }
                    field.setAccessible(true);
                    accessors.add(new MethodHandle[] {lookup.unreflectGetter(field), lookup.unreflectSetter(field)});
                }
            }
            return new FieldCopier<>(create, accessors);
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException noPlainConstructor) {
            return new EntityCopier<>() {
                @Override
                T copy(T entity) {
                    return TypedEntityCodec.ENTITY_MAPPER.treeToValue(TypedEntityCodec.ENTITY_MAPPER.valueToTree(entity),
                            type);
                }
            };
        }
    }

    private static final class FieldCopier<T> extends EntityCopier<T> {
        private final MethodHandle create;
        private final List<MethodHandle[]> accessors;

        FieldCopier(MethodHandle create, List<MethodHandle[]> accessors) {
            this.create = create;
            this.accessors = accessors;
        }

        @Override
        @SuppressWarnings("unchecked")
        T copy(T entity) {
            if (entity == null) {
                return null;
            }
            try {
                T copy = (T) create.invoke();
                for (MethodHandle[] accessor : accessors) {
                    accessor[1].invoke(copy, copyValue(accessor[0].invoke(entity)));
                }
                return copy;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot copy " + entity.getClass().getName(), e);
            }
        }

        private static Object copyValue(Object value) {
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            if (value instanceof Set<?> set) {
                return new LinkedHashSet<>(set);
            }
            if (value instanceof Map<?, ?> map) {
                return new LinkedHashMap<>(map);
            }
            if (value instanceof Collection<?> collection) {
                return new ArrayList<>(collection);
            }
            return value;
        }
    }
}
