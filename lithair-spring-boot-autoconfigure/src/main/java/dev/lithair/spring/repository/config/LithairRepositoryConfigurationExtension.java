package dev.lithair.spring.repository.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfiguration;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.config.RepositoryConfigurationSource;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.util.ClassUtils;

import dev.lithair.spring.repository.LithairRepository;
import dev.lithair.spring.repository.support.LithairRepositoryFactoryBean;

/**
 * Spring Data's configuration callbacks for Lithair repositories: the factory bean of each
 * repository, its reference to the {@code LithairOperations} bean ({@code templateRef}), and the
 * {@link LithairRepositoryEntityTypes} bean listing the domain types of the repositories found
 * (merged over several {@code @EnableLithairRepositories}). One instance per configuration source,
 * used on the thread that reads the configuration.
 */
public class LithairRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

    private static final String TEMPLATE_REF = "templateRef";
    private static final String DEFAULT_TEMPLATE_REF = "lithairTemplate";

    private BeanDefinitionRegistry registry;

    /** Created by the repository registrars, for one configuration source. */
    public LithairRepositoryConfigurationExtension() {
    }

    @Override
    public String getModuleName() {
        return "Lithair";
    }

    @Override
    @SuppressWarnings("deprecation")
    protected String getModulePrefix() {
        return "lithair";
    }

    @Override
    public String getRepositoryFactoryBeanClassName() {
        return LithairRepositoryFactoryBean.class.getName();
    }

    @Override
    protected Collection<Class<?>> getIdentifyingTypes() {
        return List.of(LithairRepository.class);
    }

    @Override
    public void registerBeansForRoot(BeanDefinitionRegistry beanDefinitionRegistry,
            RepositoryConfigurationSource configurationSource) {
        super.registerBeansForRoot(beanDefinitionRegistry, configurationSource);
        this.registry = beanDefinitionRegistry;
    }

    /** The repositories to register; their domain types are added to the entity types bean. */
    @Override
    public <T extends RepositoryConfigurationSource> Collection<RepositoryConfiguration<T>> getRepositoryConfigurations(
            T configSource, ResourceLoader loader, boolean strictMatchesOnly) {
        Collection<RepositoryConfiguration<T>> configurations = super.getRepositoryConfigurations(configSource, loader,
                strictMatchesOnly);
        if (registry != null) {
            Set<Class<?>> types = new LinkedHashSet<>();
            for (RepositoryConfiguration<T> configuration : configurations) {
                try {
                    Class<?> repository = ClassUtils.forName(configuration.getRepositoryInterface(),
                            loader.getClassLoader());
                    types.add(AbstractRepositoryMetadata.getMetadata(repository).getDomainType());
                } catch (ClassNotFoundException | LinkageError e) {
                    // Spring Data reports an interface it cannot load when it creates the repository
                }
            }
            registerEntityTypes(registry, types);
        }
        return configurations;
    }

    @SuppressWarnings("unchecked")
    static void registerEntityTypes(BeanDefinitionRegistry registry, Set<Class<?>> types) {
        Set<Class<?>> all = new LinkedHashSet<>(types);
        String name = LithairRepositoryEntityTypes.BEAN_NAME;
        if (registry.containsBeanDefinition(name)) {
            BeanDefinition existing = registry.getBeanDefinition(name);
            ConstructorArgumentValues.ValueHolder held = existing.getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, Set.class);
            if (held != null && held.getValue() instanceof Set<?>) {
                all.addAll((Set<Class<?>>) held.getValue());
            }
            registry.removeBeanDefinition(name);
        }
        RootBeanDefinition definition = new RootBeanDefinition(LithairRepositoryEntityTypes.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, all);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, definition);
    }

    @Override
    public void postProcess(BeanDefinitionBuilder builder, RepositoryConfigurationSource source) {
        String templateRef = source.getAttribute(TEMPLATE_REF).orElse(DEFAULT_TEMPLATE_REF);
        builder.addPropertyReference("lithairOperations", templateRef);
    }

    @Override
    public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
        // the template reference is set by the source-independent postProcess
    }
}
