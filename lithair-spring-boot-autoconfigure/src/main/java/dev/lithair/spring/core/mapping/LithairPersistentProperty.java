package dev.lithair.spring.core.mapping;

import java.lang.reflect.Field;

import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.data.util.Lazy;

/**
 * A property of a Lithair entity. Identity follows the store's rule: the property annotated with
 * Spring Data's {@code @Id}, otherwise the one named {@code id}.
 */
public class LithairPersistentProperty extends AnnotationBasedPersistentProperty<LithairPersistentProperty> {

    private final Lazy<Boolean> id;

    /**
     * A property of a mapped entity type.
     *
     * @param property         the Java property
     * @param owner            the entity type
     * @param simpleTypeHolder the types stored as simple values
     */
    public LithairPersistentProperty(Property property, PersistentEntity<?, LithairPersistentProperty> owner,
            SimpleTypeHolder simpleTypeHolder) {
        super(property, owner, simpleTypeHolder);
        this.id = Lazy.of(() -> super.isIdProperty() || ("id".equals(getName()) && !ownerDeclaresId()));
    }

    @Override
    public boolean isIdProperty() {
        return id.get();
    }

    private boolean ownerDeclaresId() {
        for (Class<?> c = getOwner().getType(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Id.class)) {
                    return true;
                }
            }
            if (c.isRecord()) {
                for (var component : c.getRecordComponents()) {
                    if (component.isAnnotationPresent(Id.class)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    protected Association<LithairPersistentProperty> createAssociation() {
        return null;
    }
}
