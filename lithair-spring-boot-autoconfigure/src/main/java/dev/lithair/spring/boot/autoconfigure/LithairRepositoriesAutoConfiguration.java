package dev.lithair.spring.boot.autoconfigure;

import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.mapping.context.PersistentEntities;

import dev.lithair.spring.core.IndexAccess;
import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.core.LithairExceptionTranslator;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.core.PerTypeAuditingHandler;
import dev.lithair.spring.core.StoreIndexAccess;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.observation.CommitObservationConvention;
import dev.lithair.spring.repository.LithairRepository;
import dev.lithair.spring.repository.config.EnableLithairRepositories;
import dev.lithair.spring.repository.config.LithairRepositoryEntityTypes;
import dev.lithair.spring.repository.support.LithairRepositoryFactoryBean;
import dev.lithair.store.LithairStore;
import io.micrometer.observation.ObservationRegistry;

/**
 * Spring Data repositories over the application's {@link LithairStore} bean, whoever defines it:
 * the {@link LithairTemplate} they work through (with the exception translation, the mapping
 * metadata, the indexes, the auditing with the application's {@link AuditorAware} and
 * {@link DateTimeProvider}, and the publication of committed changes), and, unless the
 * application uses {@link EnableLithairRepositories}, the repository interfaces of the application's
 * packages. Every bean backs off when the application defines its own; {@code
 * lithair.repositories.enabled=false} turns the whole off.
 *
 * <p>The exception translator is a {@link org.springframework.dao.support.PersistenceExceptionTranslator}
 * bean, so Spring's own mechanisms use it besides the template: the post-processor of Spring Boot's
 * persistence auto-configuration for the application's {@code @Repository} beans, and the repositories'
 * proxies for their custom fragments.
 *
 * <p>With an {@link ObservationRegistry} bean (Spring Boot's, once a tracer or a meter registry is there), each
 * commit is a {@code lithair.commit} observation and each repository call a {@code lithair.repository} one,
 * named and tagged by the application's {@link CommitObservationConvention} and
 * {@link dev.lithair.spring.observation.RepositoryObservationConvention} beans if it has them.
 */
@AutoConfiguration(after = LithairAutoConfiguration.class)
@ConditionalOnClass({LithairStore.class, LithairRepository.class})
@ConditionalOnBean(LithairStore.class)
@ConditionalOnBooleanProperty(name = "lithair.repositories.enabled", matchIfMissing = true)
public final class LithairRepositoriesAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairRepositoriesAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairCommitter lithairCommitter(LithairStore store, LithairExceptionTranslator translator,
            ApplicationEventPublisher publisher, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<CommitObservationConvention> observationConvention) {
        return new LithairCommitter(store, translator, publisher,
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    IndexAccess lithairIndexAccess(LithairStore store) {
        return new StoreIndexAccess(store);
    }

    @Bean
    @ConditionalOnMissingBean(name = "lithairTemplate")
    LithairTemplate lithairTemplate(LithairCommitter committer, LithairMappingContext mappingContext,
            IndexAccess indexes, ResolvedOnceAfterStartup<AuditorAware<?>> lithairAuditorAware,
            ResolvedOnceAfterStartup<DateTimeProvider> lithairDateTimeProvider) {
        return template(committer, mappingContext, indexes, lithairAuditorAware, lithairDateTimeProvider);
    }

    /**
     * The template over a committer's store, auditing with the application's {@link AuditorAware} and
     * {@link DateTimeProvider} (else the store's clock); also what each tenant's store gets.
     */
    static LithairTemplate template(LithairCommitter committer, LithairMappingContext mappingContext,
            IndexAccess indexes, ResolvedOnceAfterStartup<AuditorAware<?>> auditorAware,
            ResolvedOnceAfterStartup<DateTimeProvider> dateTimeProvider) {
        LithairStore store = committer.store();
        AuditingHandler auditing = new PerTypeAuditingHandler(PersistentEntities.of(mappingContext));
        auditing.setAuditorAware(() -> currentAuditor(auditorAware.get()));
        auditing.setDateTimeProvider(() -> {
            DateTimeProvider provider = dateTimeProvider.get();
            return provider != null ? provider.getNow() : Optional.of(Instant.now(store.options().clock()));
        });
        return new LithairTemplate(committer, mappingContext, indexes, auditing,
                () -> currentAuditor(auditorAware.get()).map(String::valueOf).orElse(null));
    }

    /**
     * The application's auditor and clock for auditing, looked up once started; shared with the tenants'
     * templates.
     */
    @Configuration(proxyBeanMethods = false)
    static class AuditingSourcesConfiguration {

        @Bean
        ResolvedOnceAfterStartup<AuditorAware<?>> lithairAuditorAware(ObjectProvider<AuditorAware<?>> auditorAware) {
            return new ResolvedOnceAfterStartup<>(auditorAware);
        }

        @Bean
        ResolvedOnceAfterStartup<DateTimeProvider> lithairDateTimeProvider(
                ObjectProvider<DateTimeProvider> dateTimeProvider) {
            return new ResolvedOnceAfterStartup<>(dateTimeProvider);
        }
    }

    /**
     * The exception translator and the mapping context, which the tenants' auto-configuration shares: the
     * same beans whether the repositories act on the one store or on the tenants' stores.
     */
    @Configuration(proxyBeanMethods = false)
    static class MappingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        static LithairExceptionTranslator lithairExceptionTranslator() {
            return new LithairExceptionTranslator();
        }

        @Bean
        @ConditionalOnMissingBean
        LithairMappingContext lithairMappingContext(ObjectProvider<LithairRepositoryEntityTypes> entityTypes) {
            LithairMappingContext context = new LithairMappingContext();
            entityTypes.ifAvailable(types -> context.setInitialEntitySet(types.types()));
            context.initialize();
            return context;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Object> currentAuditor(AuditorAware<?> aware) {
        return aware == null ? Optional.empty() : (Optional<Object>) aware.getCurrentAuditor();
    }

    /** The repositories of the application's packages, when it does not enable them itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(LithairRepositoryFactoryBean.class)
    @Import(LithairRepositoriesAutoConfigureRegistrar.class)
    static class ApplicationRepositories {
    }
}
