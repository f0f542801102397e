package dev.lithair.spring.core;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.ConvertingPropertyAccessor;
import org.springframework.util.ReflectionUtils;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.core.mapping.LithairPersistentProperty;

/**
 * The properties Lithair manages on an entity before it is stored: a missing id generated, the
 * auditing properties set, the {@code @Version} advanced as the store will; and, after the write,
 * those values given back to the mutable entity the caller still holds.
 *
 * <p>Properties are read and set through Spring Data's mapping metadata, so records (which get a new
 * instance) and classes (which are set in place) are handled alike. Thread-safe.
 */
final class EntityAccessor {

    private static final List<Class<? extends Annotation>> CREATION = List.of(CreatedDate.class, CreatedBy.class);

    private final LithairMappingContext mappingContext;
    private final AuditingHandler auditing;

    /** @param auditing sets the auditing properties; {@code null} for none */
    EntityAccessor(LithairMappingContext mappingContext, AuditingHandler auditing) {
        this.mappingContext = Objects.requireNonNull(mappingContext, "mappingContext");
        this.auditing = auditing;
    }

    /** The mapping metadata of an entity type, looked up once per write and handed to the other methods. */
    BasicPersistentEntity<?, LithairPersistentProperty> persistentEntity(Class<?> type) {
        return mappingContext.getRequiredPersistentEntity(type);
    }

    /**
     * The entity with a generated id when it has none and its id is a {@code String} or a {@code UUID}:
     * a time-ordered one ({@link TimeOrderedIds}). Under an idempotency key the id is derived from the key
     * and the write's position in the unit of work, so that a retried call creates (or, as a duplicate,
     * returns) the same entity instead of answering with an id that was never stored.
     *
     * @param idempotencyKey the unit of work's key, or {@code null}
     * @param position       the number of writes the unit of work holds before this one
     */
    <T> T withId(T entity, EntityModel<T> model, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            String idempotencyKey, int position) {
        FieldModel idField = model.idField();
        if (idField.read(entity) != null) {
            return entity;
        }
        UUID uuid = idempotencyKey == null ? TimeOrderedIds.next()
                : UUID.nameUUIDFromBytes((idempotencyKey + "#" + position).getBytes(StandardCharsets.UTF_8));
        Object generated;
        if (idField.javaType() == String.class) {
            generated = uuid.toString();
        } else if (idField.javaType() == UUID.class) {
            generated = uuid;
        } else {
            throw new InvalidDataAccessApiUsageException(model.name() + " has no " + idField.name()
                    + ": only String and UUID ids are generated, assign a " + idField.javaType().getTypeName()
                    + " id before saving");
        }
        return set(entity, persistent, persistent.getRequiredPersistentProperty(idField.name()), generated);
    }

    /**
     * The entity with its auditing properties set: as created when there is no {@code current} state,
     * else as modified, the creation values the caller left empty being the stored ones.
     *
     * @param current the entity as the unit of work sees it now, or {@code null} when it does not exist
     */
    <T> T audited(T entity, T current, BasicPersistentEntity<?, LithairPersistentProperty> persistent) {
        if (auditing == null) {
            return entity;
        }
        return current == null ? auditing.markCreated(entity)
                : auditing.markModified(keepCreation(entity, current, persistent));
    }

    private static <T> T keepCreation(T entity, T current,
            BasicPersistentEntity<?, LithairPersistentProperty> persistent) {
        T result = entity;
        for (Class<? extends Annotation> annotation : CREATION) {
            LithairPersistentProperty property = persistent.getPersistentProperty(annotation);
            if (property == null) {
                continue;
            }
            Object stored = persistent.getPropertyAccessor(current).getProperty(property);
            if (stored != null && persistent.getPropertyAccessor(result).getProperty(property) == null) {
                result = set(result, persistent, property, stored);
            }
        }
        return result;
    }

    /**
     * The entity a put leaves, as the store will compute it: the {@code @Version} starts at 0 and
     * advances by one on every put that changes something. A stale version is left as given: the
     * store rejects it when committing.
     *
     * @param current the entity as the unit of work sees it now, or {@code null} when it does not exist
     */
    <T> T afterPut(EntityCodec<T> codec, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            T entity, T current) {
        FieldModel version = codec.model().versionField();
        if (version == null) {
            return entity;
        }
        LithairPersistentProperty property = persistent.getRequiredPersistentProperty(version.name());
        Number given = (Number) version.read(entity);
        if (current == null) {
            return given == null || given.longValue() == 0 ? set(entity, persistent, property, 0L) : entity;
        }
        Number stored = (Number) version.read(current);
        if (given == null || given.longValue() != stored.longValue()) {
            return entity;
        }
        return codec.diff(current, entity) == null ? entity : set(entity, persistent, property, stored.longValue() + 1);
    }

    private static <T> T set(T entity, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            LithairPersistentProperty property, Object value) {
        PersistentPropertyAccessor<T> accessor = new ConvertingPropertyAccessor<>(persistent.getPropertyAccessor(entity),
                DefaultConversionService.getSharedInstance());
        accessor.setProperty(property, value);
        return accessor.getBean();
    }

    /**
     * Gives a mutable entity the id, version and auditing values it was stored with, so that saving
     * it again is not taken for a stale version. Records are left alone: they are returned anew.
     */
    <T> void writeBack(T given, T stored) {
        if (given == stored || given.getClass().isRecord() || given.getClass() != stored.getClass()) {
            return;
        }
        BasicPersistentEntity<?, LithairPersistentProperty> persistent = persistentEntity(given.getClass());
        PersistentPropertyAccessor<T> from = persistent.getPropertyAccessor(stored);
        persistent.doWithProperties((LithairPersistentProperty property) -> {
            boolean managed = property.isIdProperty() || property.isVersionProperty()
                    || property.isAnnotationPresent(CreatedDate.class)
                    || property.isAnnotationPresent(CreatedBy.class)
                    || property.isAnnotationPresent(LastModifiedDate.class)
                    || property.isAnnotationPresent(LastModifiedBy.class);
            Field field = property.getField();
            if (managed && field != null && !Modifier.isFinal(field.getModifiers())) {
                ReflectionUtils.makeAccessible(field);
                ReflectionUtils.setField(field, given, from.getProperty(property));
            }
        });
    }
}
