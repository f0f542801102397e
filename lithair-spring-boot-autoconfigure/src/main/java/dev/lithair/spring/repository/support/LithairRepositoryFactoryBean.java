package dev.lithair.spring.repository.support;

import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

import dev.lithair.spring.core.LithairOperations;

/**
 * The Spring bean behind each Lithair repository interface, registered by
 * {@code @EnableLithairRepositories} or the auto-configuration.
 *
 * @param <T>  the repository interface
 * @param <S>  the entity type
 * @param <ID> its id type
 */
public class LithairRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
        extends RepositoryFactoryBeanSupport<T, S, ID> {

    private LithairOperations lithairOperations;

    public LithairRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    /** The facade the repository works through. */
    public void setLithairOperations(LithairOperations lithairOperations) {
        this.lithairOperations = lithairOperations;
    }

    @Override
    public void setMappingContext(MappingContext<?, ?> mappingContext) {
        super.setMappingContext(mappingContext);
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        return new LithairRepositoryFactory(lithairOperations);
    }

    @Override
    public void afterPropertiesSet() {
        Assert.state(lithairOperations != null, "LithairOperations must not be null");
        setMappingContext(lithairOperations.mappingContext());
        super.afterPropertiesSet();
    }
}
