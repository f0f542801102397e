package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.lithair.replication.Cluster;
import dev.lithair.store.LithairStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters of the store ({@link LithairStoreMetrics}), when the application has a meter
 * registry (Spring Boot's actuator or metrics starter).
 */
@AutoConfiguration(after = LithairAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, LithairStore.class })
@ConditionalOnBean({ MeterRegistry.class, LithairStore.class })
public final class LithairMetricsAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairStoreMetrics lithairStoreMetrics(LithairStore store, LithairEntityModels models) {
        return new LithairStoreMetrics(store, models);
    }

    @Bean
    @ConditionalOnBean(Cluster.class)
    @ConditionalOnMissingBean
    LithairClusterMetrics lithairClusterMetrics(Cluster cluster) {
        return new LithairClusterMetrics(cluster);
    }
}
