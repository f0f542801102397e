package dev.lithair.spring.core.mapping;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * Spring Data's mapping metadata of Lithair entity types (records or classes): identity, version and
 * auditing properties, and property accessors that also work on records. The repositories, the
 * auditing and Spring Data REST read it; the store keeps its own model of the same types
 * ({@link dev.lithair.model.EntityModel}), and both read the same annotations. Thread-safe once
 * initialised, as every Spring Data mapping context.
 */
public class LithairMappingContext
        extends AbstractMappingContext<BasicPersistentEntity<?, LithairPersistentProperty>, LithairPersistentProperty> {

    /**
     * Values, not entities: every JDK type ({@code BigDecimal}, {@code java.time}, {@code UUID},
     * collections…) and enums, besides Spring Data's defaults. Other classes held in fields are
     * nested entities (their properties can be queried and matched by example).
     */
    static final SimpleTypeHolder SIMPLE_TYPES = new SimpleTypeHolder(java.util.Set.of(), true) {
        @Override
        public boolean isSimpleType(Class<?> type) {
            return super.isSimpleType(type) || type.isEnum() || type.isPrimitive() || type.getName().startsWith("java.")
                    || type.getName().startsWith("javax.");
        }
    };

    /** An empty mapping context; entity types are added as they are met. */
    public LithairMappingContext() {
        setSimpleTypeHolder(SIMPLE_TYPES);
    }

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
