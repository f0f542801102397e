package dev.lithair.spring.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the contexts of tests annotated with {@link AutoConfigureLithair @AutoConfigureLithair} (or
 * {@link DataLithairTest @DataLithairTest}) their test storage; other tests are left as they are.
 */
class LithairTestStorageContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureLithair.class)
                ? new LithairTestStorageContextCustomizer()
                : null;
    }
}
