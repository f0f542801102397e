package dev.lithair.spring.test;

import java.util.Set;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

import dev.lithair.spring.boot.autoconfigure.LithairStoreOptionsCustomizer;

/**
 * Keeps, of the application's scanned components, only the {@link LithairStoreOptionsCustomizer}s
 * in a {@link DataLithairTest @DataLithairTest}, since they shape the store under test. Repositories need
 * no keeping: Lithair's repository auto-configuration finds them, not the component scan. Projections are
 * usually {@code @Bean}s of a configuration class, which the test adds with {@code includeFilters}.
 */
public final class DataLithairTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataLithairTest> {

    private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(LithairStoreOptionsCustomizer.class);

    DataLithairTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return KNOWN_INCLUDES;
    }
}
