package dev.lithair.spring.boot.autoconfigure;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The entity classes the store is opened with. Auto-configuration finds them in the application's
 * packages (see {@link LithairEntityScanner}); define a bean of this type to choose them yourself.
 *
 * @param classes the entity classes, in name order
 */
public record LithairEntityClasses(Set<Class<?>> classes) {

    /**
     * Copies the classes, in name order.
     *
     * @param classes the entity classes, in name order
     */
    public LithairEntityClasses {
        Set<Class<?>> sorted = new LinkedHashSet<>();
        classes.stream().sorted(Comparator.comparing(Class::getName)).forEach(sorted::add);
        classes = Collections.unmodifiableSet(sorted);
    }

    /**
     * The given entity classes.
     *
     * @param classes the entity classes
     * @return them, in name order
     */
    public static LithairEntityClasses of(Class<?>... classes) {
        return new LithairEntityClasses(Set.of(classes));
    }
}
