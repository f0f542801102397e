package dev.lithair.spring.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories {@link EnableLithairRepositories} asks for. */
class LithairRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableLithairRepositories.class;
    }

    @Override
    protected RepositoryConfigurationExtension getExtension() {
        return new LithairRepositoryConfigurationExtension();
    }
}
