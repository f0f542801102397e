package dev.lithair.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.util.Streamable;

import dev.lithair.spring.repository.config.EnableLithairRepositories;
import dev.lithair.spring.repository.config.LithairRepositoryConfigurationExtension;

/**
 * Registers the Lithair repositories of the application's packages (those of the
 * {@code @SpringBootApplication} class and of {@code @AutoConfigurationPackage}s), as if the
 * application were annotated with {@link EnableLithairRepositories}; used by the auto-configuration
 * when it is not.
 */
class LithairRepositoriesAutoConfigureRegistrar
        implements ImportBeanDefinitionRegistrar, BeanFactoryAware, ResourceLoaderAware, EnvironmentAware {

    private BeanFactory beanFactory;
    private ResourceLoader resourceLoader;
    private Environment environment;

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry,
            BeanNameGenerator generator) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return;
        }
        List<String> packages = AutoConfigurationPackages.get(beanFactory);
        AnnotationRepositoryConfigurationSource source = new AnnotationRepositoryConfigurationSource(
                AnnotationMetadata.introspect(EnableLithairRepositoriesConfiguration.class),
                EnableLithairRepositories.class, resourceLoader, environment, registry, generator) {

            @Override
            public Streamable<String> getBasePackages() {
                return Streamable.of(packages);
            }

            @Override
            public BootstrapMode getBootstrapMode() {
                return BootstrapMode.DEFAULT;
            }
        };
        new RepositoryConfigurationDelegate(source, resourceLoader, environment).registerRepositoriesIn(registry,
                new LithairRepositoryConfigurationExtension());
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        registerBeanDefinitions(metadata, registry, null);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @EnableLithairRepositories
    private static final class EnableLithairRepositoriesConfiguration {
    }
}
