package dev.lithair.spring.repository.config;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The domain types of the Lithair repositories of the application, found when the repository
 * interfaces are scanned: the entity types the store must be opened with. Registered as a bean at
 * bean-definition time, before any bean is created, so that the store's factory can take it.
 *
 * @param types the domain classes, in name order
 */
public record LithairRepositoryEntityTypes(Set<Class<?>> types) {

    /** The bean's name. */
    public static final String BEAN_NAME = "lithairRepositoryEntityTypes";

    /**
     * Copies the types.
     *
     * @param types the domain classes, in name order
     */
    public LithairRepositoryEntityTypes {
        Set<Class<?>> sorted = new LinkedHashSet<>();
        types.stream().sorted(Comparator.comparing(Class::getName)).forEach(sorted::add);
        types = Collections.unmodifiableSet(sorted);
    }
}
