package dev.lithair.spring.repository.support;

import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

import dev.lithair.spring.core.LithairTemplate;

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

    private LithairTemplate lithairTemplate;

    public LithairRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    /** The facade the repository works through. */
    public void setLithairTemplate(LithairTemplate lithairTemplate) {
        this.lithairTemplate = lithairTemplate;
    }

    @Override
    public void setMappingContext(MappingContext<?, ?> mappingContext) {
        super.setMappingContext(mappingContext);
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        return new LithairRepositoryFactory(lithairTemplate);
    }

    @Override
    public void afterPropertiesSet() {
        Assert.state(lithairTemplate != null, "LithairTemplate must not be null");
        setMappingContext(lithairTemplate.mappingContext());
        super.afterPropertiesSet();
    }
}
