package dev.lithair.spring.repository.support;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;

import dev.lithair.spring.observation.DefaultRepositoryObservationConvention;
import dev.lithair.spring.observation.LithairObservation;
import dev.lithair.spring.observation.RepositoryObservationContext;
import dev.lithair.spring.observation.RepositoryObservationConvention;
import io.micrometer.observation.ObservationRegistry;

/**
 * Makes every call of a repository method a {@code lithair.repository} observation, current while the call
 * runs, so that the commit of a write outside a transaction is its child. Put first in the repository
 * proxy's chain, so that the observation sees the call as the caller does, exception translation included.
 */
final class RepositoryCallObservations implements RepositoryProxyPostProcessor {

    private final ObservationRegistry registry;
    private final RepositoryObservationConvention convention;

    /** @param convention replaces {@link DefaultRepositoryObservationConvention}; {@code null} keeps it */
    RepositoryCallObservations(ObservationRegistry registry, RepositoryObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void postProcess(ProxyFactory factory, RepositoryInformation information) {
        factory.addAdvice(0, new ObservingInterceptor(information.getRepositoryInterface()));
    }

    /** Observes the calls of one repository interface's methods; those of {@code Object} are not observed. */
    private final class ObservingInterceptor implements MethodInterceptor {

        private final Class<?> repositoryInterface;

        ObservingInterceptor(Class<?> repositoryInterface) {
            this.repositoryInterface = repositoryInterface;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (invocation.getMethod().getDeclaringClass() == Object.class) {
                return invocation.proceed();
            }
            RepositoryObservationContext context = new RepositoryObservationContext(repositoryInterface,
                    invocation.getMethod());
            return LithairObservation.REPOSITORY
                    .observation(convention, DefaultRepositoryObservationConvention.INSTANCE, () -> context, registry)
                    .observeChecked(invocation::proceed);
        }
    }
}
