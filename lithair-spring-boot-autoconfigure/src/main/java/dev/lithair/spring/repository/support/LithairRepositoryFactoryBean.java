package dev.lithair.spring.repository.support;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.PersistenceExceptionTranslationRepositoryProxyPostProcessor;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.observation.RepositoryObservationConvention;
import io.micrometer.observation.ObservationRegistry;

/**
 * The Spring bean behind each Lithair repository interface, registered by
 * {@code @EnableLithairRepositories} or the auto-configuration.
 *
 * <p>As Spring Data's transactional modules do, the repository proxy translates what its methods throw
 * with the application context's {@link org.springframework.dao.support.PersistenceExceptionTranslator}
 * beans, Lithair's among them: a custom fragment that uses the store directly gets Spring's
 * {@code DataAccessException}s too. The {@link LithairOperations} translate the store's exceptions
 * themselves, so the base-class methods, which skip the proxy, throw the same.
 *
 * <p>With an {@link ObservationRegistry} bean that has handlers, each call is a {@code lithair.repository}
 * observation, named and tagged by the {@link RepositoryObservationConvention} bean if there is one.
 *
 * @param <T>  the repository interface
 * @param <S>  the entity type
 * @param <ID> its id type
 */
public class LithairRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
        extends RepositoryFactoryBeanSupport<T, S, ID> {

    private LithairOperations lithairOperations;
    private PersistenceExceptionTranslationRepositoryProxyPostProcessor exceptionTranslation;
    private ObjectProvider<ObservationRegistry> observationRegistry;
    private ObjectProvider<RepositoryObservationConvention> observationConvention;

    /**
     * The factory bean of one repository interface.
     *
     * @param repositoryInterface the repository interface
     */
    public LithairRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    /**
     * The facade the repository works through.
     *
     * @param lithairOperations the facade
     */
    public void setLithairOperations(LithairOperations lithairOperations) {
        this.lithairOperations = lithairOperations;
    }

    @Override
    public void setMappingContext(MappingContext<?, ?> mappingContext) {
        super.setMappingContext(mappingContext);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        if (beanFactory instanceof ListableBeanFactory listable) {
            exceptionTranslation = new PersistenceExceptionTranslationRepositoryProxyPostProcessor(listable);
        }
        observationRegistry = beanFactory.getBeanProvider(ObservationRegistry.class);
        observationConvention = beanFactory.getBeanProvider(RepositoryObservationConvention.class);
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        LithairRepositoryFactory factory = new LithairRepositoryFactory(lithairOperations);
        if (observationRegistry != null) {
            observationRegistry.ifUnique(registry -> factory.observeCalls(registry, observationConvention.getIfUnique()));
        }
        if (exceptionTranslation != null) {
            factory.addRepositoryProxyPostProcessor(exceptionTranslation);
        }
        return factory;
    }

    @Override
    public void afterPropertiesSet() {
        Assert.state(lithairOperations != null, "LithairOperations must not be null");
        setMappingContext(lithairOperations.mappingContext());
        super.afterPropertiesSet();
    }
}
