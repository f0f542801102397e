package dev.lithair.spring.repository.support;

import java.util.Optional;

import org.springframework.aot.AotDetector;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;
import org.springframework.data.repository.core.support.RepositoryComposition;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.RepositoryMethodInvocationListener;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.observation.RepositoryObservationConvention;
import dev.lithair.spring.repository.query.LithairQueryLookupStrategy;
import io.micrometer.observation.ObservationRegistry;

/**
 * Creates Lithair repositories: a {@link SimpleLithairRepository} over the {@link LithairOperations}
 * for the CRUD, paging and Query by Example methods, and a derived query per query method. Calls of
 * the base class's methods take the {@link BaseMethodShortcut} unless repository invocation
 * listeners (metrics) are registered, the calls are observed ({@link #observeCalls}), or the application
 * runs on Spring AOT's generated artifacts (a native image cannot define the shortcut's class at run
 * time; Spring Data's proxy serves instead).
 */
public class LithairRepositoryFactory extends RepositoryFactorySupport {

    private final LithairOperations operations;
    private final BaseMethodShortcut shortcut;
    private boolean invocationListeners;
    private boolean observedCalls;

    /**
     * A factory of repositories over {@code operations}.
     *
     * @param operations what the repositories work through
     */
    public LithairRepositoryFactory(LithairOperations operations) {
        Assert.notNull(operations, "LithairOperations must not be null");
        this.operations = operations;
        this.shortcut = new BaseMethodShortcut(
                () -> !invocationListeners && !observedCalls && !AotDetector.useGeneratedArtifacts());
        addRepositoryProxyPostProcessor(shortcut);
    }

    /**
     * Makes every call of the repositories created afterwards a {@code lithair.repository} observation, when
     * {@code registry} has handlers now; otherwise changes nothing. Decided once, as the repository is built:
     * an observed call needs Spring Data's proxy, which the {@link BaseMethodShortcut} lets unobserved calls
     * skip, so an application without a tracer or a meter registry keeps the shortcut.
     *
     * @param registry   where the observations go
     * @param convention replaces the default convention; {@code null} keeps it
     */
    public void observeCalls(ObservationRegistry registry, RepositoryObservationConvention convention) {
        if (registry.isNoop()) {
            return;
        }
        observedCalls = true;
        addRepositoryProxyPostProcessor(new RepositoryCallObservations(registry, convention));
    }

    /** Spring Data's repository proxy, behind the {@link BaseMethodShortcut}'s front when it applies. */
    @Override
    public <T> T getRepository(Class<T> repositoryInterface, RepositoryComposition.RepositoryFragments fragments) {
        return shortcut.front(super.getRepository(repositoryInterface, fragments), repositoryInterface);
    }

    /** Noted, so that base-class calls keep going through the chain that tells the listeners. */
    @Override
    public void addInvocationListener(RepositoryMethodInvocationListener listener) {
        super.addInvocationListener(listener);
        invocationListeners = true;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
        PersistentEntity<?, ?> entity = operations.mappingContext().getRequiredPersistentEntity(metadata.getDomainType());
        return new PersistentEntityInformation(entity);
    }

    @Override
    protected Object getTargetRepository(RepositoryInformation information) {
        return getTargetRepositoryViaReflection(information, getEntityInformation(information), operations);
    }

    @Override
    protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
        return SimpleLithairRepository.class;
    }

    @Override
    protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.Key key,
            ValueExpressionDelegate valueExpressionDelegate) {
        return Optional.of(new LithairQueryLookupStrategy(operations));
    }
}
