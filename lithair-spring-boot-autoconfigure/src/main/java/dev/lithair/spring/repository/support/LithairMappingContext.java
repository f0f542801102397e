package dev.lithair.spring.repository.support;

import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.data.core.TypeInformation;

/**
 * Spring Data's mapping metadata of Lithair entity types (records or classes): identity, version and
 * auditing properties, and property accessors that also work on records. The repositories, the
 * auditing and Spring Data REST read it; the store keeps its own model of the same types
 * ({@link dev.lithair.model.EntityModel}), and both read the same annotations. Thread-safe once
 * initialised, as every Spring Data mapping context.
 */
public class LithairMappingContext
        extends AbstractMappingContext<BasicPersistentEntity<?, LithairPersistentProperty>, LithairPersistentProperty> {

    @Override
    protected <T> BasicPersistentEntity<?, LithairPersistentProperty> createPersistentEntity(
            TypeInformation<T> typeInformation) {
        return new BasicPersistentEntity<>(typeInformation);
    }

    @Override
    protected LithairPersistentProperty createPersistentProperty(Property property,
            BasicPersistentEntity<?, LithairPersistentProperty> owner, SimpleTypeHolder simpleTypeHolder) {
        return new LithairPersistentProperty(property, owner, simpleTypeHolder);
    }
}
