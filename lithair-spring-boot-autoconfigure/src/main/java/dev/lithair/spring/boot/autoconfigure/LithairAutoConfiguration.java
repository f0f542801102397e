package dev.lithair.spring.boot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import dev.lithair.event.ValueLimits;
import dev.lithair.projection.Projection;
import dev.lithair.spring.repository.config.LithairRepositoryEntityTypes;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.CommitPath;

/**
 * The store: entity classes found in the application's packages, their models, store options from
 * {@code lithair.*}, the projections declared as beans, and the {@link LithairStore} itself, opened (and
 * recovered) when the context starts and closed when it stops. Each bean backs off when the application
 * defines one of the same type. With {@code lithair.tenancy.enabled} there is no such single store: each
 * tenant has its own ({@link LithairTenancyAutoConfiguration}).
 */
@AutoConfiguration
@ConditionalOnClass(LithairStore.class)
@EnableConfigurationProperties(LithairProperties.class)
@ImportRuntimeHints(LithairStoreRuntimeHints.class)
public final class LithairAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LithairAutoConfiguration.class);

    /** Created by Spring Boot's auto-configuration. */
    public LithairAutoConfiguration() {
    }

    /**
     * Entity classes in the auto-configuration packages (those of the {@code @SpringBootApplication}
     * class and of {@code @AutoConfigurationPackage}s), and the domain types of the Lithair
     * repositories, wherever they are.
     */
    @Bean
    @ConditionalOnMissingBean
    LithairEntityClasses lithairEntityClasses(BeanFactory beanFactory, ResourceLoader resourceLoader,
            Environment environment, ObjectProvider<LithairRepositoryEntityTypes> repositoryTypes) {
        List<String> packages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory)
                : List.of();
        if (packages.isEmpty()) {
            log.warn("No auto-configuration package is registered, so no Lithair entity class is scanned for: "
                    + "annotate the application with @SpringBootApplication or define a LithairEntityClasses bean");
        }
        Set<Class<?>> found = new LinkedHashSet<>(new LithairEntityScanner(resourceLoader, environment).scan(packages));
        repositoryTypes.ifAvailable(types -> found.addAll(types.types()));
        LithairEntityClasses classes = new LithairEntityClasses(found);
        log.debug("Lithair entity classes in {}: {}", packages, classes.classes());
        return classes;
    }

    @Bean
    @ConditionalOnMissingBean
    LithairEntityModels lithairEntityModels(LithairEntityClasses classes, LithairProperties properties) {
        return LithairEntityModels.of(classes, properties.getEntityNames(),
                properties.getHistory().getDefaultPolicy());
    }

    @Bean
    @ConditionalOnMissingBean
    StoreOptions lithairStoreOptions(LithairProperties properties,
            ObjectProvider<LithairStoreOptionsCustomizer> customizers) {
        LithairProperties.Storage storage = properties.getStorage();
        StoreOptions options = StoreOptions.defaults(properties.getDataDir())
                .withFsyncPolicy(storage.getFsync())
                .withFsyncInterval(storage.getFsyncInterval())
                .withFormat(storage.getFormat())
                .withSegmentBytes(storage.getSegmentSize().toBytes())
                .withHashChain(storage.isHashChain())
                .withSnapshotEveryEvents(properties.getSnapshot().getEveryEvents())
                .withSnapshotsRetained(properties.getSnapshot().getRetained())
                .withIdempotencyRetention(properties.getIdempotency().getMaxKeys(),
                        properties.getIdempotency().getMaxAge())
                .withValueLimits(valueLimits(storage.getLimits()))
                .withIdempotencyMaxKeyLength(properties.getIdempotency().getMaxKeyLength())
                .withAsyncCommitQueue(storage.getAsyncCommits().getMaxPending(),
                        storage.getAsyncCommits().getWaitForRoom());
        for (LithairStoreOptionsCustomizer customizer : customizers.orderedStream().toList()) {
            options = customizer.customize(options);
        }
        return options;
    }

    private static ValueLimits valueLimits(LithairStorageLimits limits) {
        return new ValueLimits(limits.getMaxNestingDepth(), limits.getMaxNumberLength(), limits.getMaxStringLength(),
                limits.getMaxNameLength(), (int) limits.getMaxRecordSize().toBytes());
    }

    /**
     * The store, on its local log, or with {@code lithair.cluster.enabled} on the cluster's replicated log
     * (the {@link CommitPath.Factory} bean, which {@link LithairClusterAutoConfiguration} defines when
     * SOFAJRaft is on the class path). Created unopened: {@link LithairStoreLifecycle} opens it when the
     * context starts, so that creating the beans reads, creates and locks no file.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = LithairTenancyAutoConfiguration.ENABLED, havingValue = false,
            matchIfMissing = true)
    LithairStore lithairStore(StoreOptions options, LithairEntityModels models,
            ObjectProvider<Projection<?, ?, ?>> projections, LithairProperties properties,
            ObjectProvider<CommitPath.Factory> replication) {
        CommitPath.Factory commitPath = null;
        if (properties.getCluster().isEnabled()) {
            commitPath = replication.getIfAvailable();
            if (commitPath == null) {
                throw new InvalidLithairConfigurationException("lithair.cluster.enabled is true, but SOFAJRaft "
                        + "(com.alipay.sofa:jraft-core) is not on the class path: the application would run as a "
                        + "single node, without replication or fail-over.",
                        "Depend on lithair-spring-boot-starter, which brings it, or add com.alipay.sofa:jraft-core; "
                        + "or set lithair.cluster.enabled=false to run a single node on local storage.");
            }
        }
        try {
            return LithairStore.create(options, models.models(), projections.orderedStream().toList(), commitPath);
        } catch (IllegalArgumentException e) {
            throw new InvalidLithairConfigurationException("The Lithair store cannot be opened: " + e.getMessage()
                    + ".", "Check the projections and entity classes given to the store.", e);
        }
    }

    /** Opens the store when the context starts and closes it when the context stops. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LithairStore.class)
    LithairStoreLifecycle lithairStoreLifecycle(LithairStore store) {
        return new LithairStoreLifecycle(store);
    }
}
