package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

import dev.lithair.model.EntityTypes;
import dev.lithair.projection.Projection;
import dev.lithair.replication.TenantReplication;
import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.core.LithairExceptionTranslator;
import dev.lithair.spring.core.StoreIndexAccess;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.observation.CommitObservationConvention;
import dev.lithair.spring.repository.LithairRepository;
import dev.lithair.spring.repository.support.LithairRepositoryFactoryBean;
import dev.lithair.spring.tenancy.TenantOperations;
import dev.lithair.spring.tenancy.TenantResolver;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.spring.tenancy.TenantTaskDecorator;
import dev.lithair.spring.tenancy.TenantTransactionManager;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import io.micrometer.observation.ObservationRegistry;

/**
 * Tenants, with {@code lithair.tenancy.enabled=true}: a store per tenant under {@code {data-dir}/tenants}
 * ({@link TenantStores}) instead of the one store, and the repositories, derived queries and transactions
 * over them ({@link TenantOperations}, the {@code lithairTemplate} bean; {@link TenantTransactionManager}).
 * In a servlet web application without a {@link TenantResolver} bean, the request header
 * {@code lithair.tenancy.header} names the tenant ({@link TenantHeaderFilter}); work run by Spring's task
 * executor ({@code @Async}) runs as the tenant that submitted it ({@link TenantTaskDecorator}).
 *
 * <p>With {@code lithair.cluster.enabled}, each tenant's store commits through a Raft group of its own on
 * this member's transport ({@link TenantReplication}), started on every member from the tenant's first use on
 * any of them; an idle group is put to sleep on every member and its stores closed, until its next use.
 *
 * <p>Each tenant's store is made as the one store would be: the same {@link StoreOptions} (only the
 * directory differs), entity models and projection beans, and its template commits, translates, publishes,
 * observes and audits as the single store's does. Every bean backs off when the application defines one.
 */
@AutoConfiguration(after = LithairAutoConfiguration.class, before = { LithairRepositoriesAutoConfiguration.class,
        LithairTransactionAutoConfiguration.class },
        beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass({ LithairStore.class, LithairRepository.class, PlatformTransactionManager.class })
@ConditionalOnBooleanProperty(LithairTenancyAutoConfiguration.ENABLED)
@Import({ LithairRepositoriesAutoConfiguration.AuditingSourcesConfiguration.class,
        LithairRepositoriesAutoConfiguration.MappingConfiguration.class })
public final class LithairTenancyAutoConfiguration {

    /** The property that turns tenants on. */
    static final String ENABLED = "lithair.tenancy.enabled";

    /** Created by Spring Boot's auto-configuration. */
    public LithairTenancyAutoConfiguration() {
    }

    /** The tenants' stores; none is opened before a tenant is used, all are closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TenantStores lithairTenantStores(StoreOptions options, LithairEntityModels models,
            ObjectProvider<Projection<?, ?, ?>> projections, LithairProperties properties,
            LithairExceptionTranslator translator, ApplicationEventPublisher publisher,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<CommitObservationConvention> observationConvention, LithairMappingContext mappingContext,
            ResolvedOnceAfterStartup<AuditorAware<?>> lithairAuditorAware,
            ResolvedOnceAfterStartup<DateTimeProvider> lithairDateTimeProvider,
            ObjectProvider<TenantReplication> replication) {
        LithairProperties.Tenancy tenancy = properties.getTenancy();
        TenantReplication cluster = properties.getCluster().isEnabled() ? requireReplication(replication) : null;
        ObservationRegistry observations = observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
        CommitObservationConvention convention = observationConvention.getIfUnique();
        return new TenantStores(options, models.models(), projections.orderedStream().toList(),
                store -> new LithairCommitter(store, translator, publisher, observations, convention),
                committer -> LithairRepositoriesAutoConfiguration.template(committer, mappingContext,
                        new StoreIndexAccess(committer.store()), lithairAuditorAware, lithairDateTimeProvider),
                tenancy.getMaxOpen(), tenancy.getIdleTimeout(), cluster == null ? null : cluster::tenantGroup);
    }

    private static TenantReplication requireReplication(ObjectProvider<TenantReplication> replication) {
        TenantReplication cluster = replication.getIfAvailable();
        if (cluster == null) {
            throw new InvalidLithairConfigurationException("lithair.cluster.enabled is true, but SOFAJRaft "
                    + "(com.alipay.sofa:jraft-core) is not on the class path: the tenants would run on a single node, "
                    + "without replication or fail-over.", "Depend on lithair-spring-boot-starter, which brings it, "
                    + "or add com.alipay.sofa:jraft-core; or set lithair.cluster.enabled=false.");
        }
        return cluster;
    }

    /** In a cluster, starts this member's transport for the tenants' groups when the context starts. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("lithair.cluster.enabled")
    @ConditionalOnBean(TenantReplication.class)
    LithairTenantReplicationLifecycle lithairTenantReplicationLifecycle(TenantReplication replication,
            TenantStores stores, LithairProperties properties) {
        LithairProperties.Tenancy tenancy = properties.getTenancy();
        return new LithairTenantReplicationLifecycle(replication, stores, tenancy.getIdleTimeout(),
                tenancy.getMaxOpen());
    }

    /** What the repositories work through: the current tenant's store, per call. */
    @Bean
    @ConditionalOnMissingBean(name = "lithairTemplate")
    TenantOperations lithairTemplate(TenantStores stores, LithairMappingContext mappingContext,
            LithairEntityModels models, ObjectProvider<TenantResolver> resolver, LithairProperties properties) {
        return new TenantOperations(stores, mappingContext, new EntityTypes(models.models()), resolver.getIfUnique(),
                properties.getTenancy().getHeader());
    }

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    TenantTransactionManager transactionManager(TenantStores stores,
            ObjectProvider<TransactionManagerCustomizers> transactionManagerCustomizers) {
        TenantTransactionManager transactionManager = new TenantTransactionManager(stores);
        transactionManagerCustomizers.ifAvailable(customizers -> customizers.customize(transactionManager));
        return transactionManager;
    }

    /** Carries the current tenant into {@code @Async} methods and other work run by Spring's task executor. */
    @Bean
    @ConditionalOnMissingBean
    TenantTaskDecorator lithairTenantTaskDecorator(ObjectProvider<TenantResolver> resolver) {
        return new TenantTaskDecorator(resolver.getIfUnique());
    }

    /** The repositories of the application's packages, when it does not enable them itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "lithair.repositories.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(LithairRepositoryFactoryBean.class)
    @Import(LithairRepositoriesAutoConfigureRegistrar.class)
    static class ApplicationRepositories {
    }

    /** The tenant of a web request from its header, unless the application resolves tenants itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
    @ConditionalOnMissingBean(TenantResolver.class)
    static class RequestHeaderTenant {

        @Bean
        @ConditionalOnMissingBean
        TenantHeaderFilter lithairTenantHeaderFilter(LithairProperties properties) {
            return new TenantHeaderFilter(properties.getTenancy().getHeader());
        }
    }
}
