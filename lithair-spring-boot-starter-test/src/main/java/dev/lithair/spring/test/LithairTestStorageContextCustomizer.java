package dev.lithair.spring.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context's store at a fresh {@link TemporaryDataDirectory}, unless the test sets
 * {@code lithair.data-dir} itself, and makes {@code lithair.storage.fsync=never} the default.
 *
 * <p>The directory takes precedence over every property source but the test's own: those that Spring's
 * test framework puts before the system properties ({@code properties} attributes,
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}). An application's {@code ./data} in
 * {@code application.yml} must not receive a test's writes. It is deleted as the context's very last
 * disposable bean, after the store has closed and released it.
 */
final class LithairTestStorageContextCustomizer implements ContextCustomizer {

    private static final String DATA_DIR = "lithair.data-dir";
    private static final String FSYNC = "lithair.storage.fsync";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!setByTheTest(environment, DATA_DIR)) {
            TemporaryDataDirectory directory = TemporaryDataDirectory.create();
            ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                    .registerDisposableBean(TemporaryDataDirectory.class.getName(), directory);
            environment.getPropertySources().addFirst(new MapPropertySource("lithairTestDataDirectory",
                    Map.of(DATA_DIR, directory.path().toString())));
        }
        environment.getPropertySources().addLast(new MapPropertySource("lithairTestDefaults",
                Map.of(FSYNC, "never")));
    }

    /** Whether one of the test's own property sources sets {@code name}, in any relaxed spelling. */
    private static boolean setByTheTest(ConfigurableEnvironment environment, String name) {
        List<PropertySource<?>> testSources = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                break;
            }
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                testSources.add(source);
            }
        }
        ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(testSources)) {
            if (source.getConfigurationProperty(property) != null) {
                return true;
            }
        }
        return false;
    }

    /** All instances are alike: the directory is made per context, as the context starts. */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
