package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

import dev.lithair.replication.Cluster;
import dev.lithair.store.LithairStore;

/**
 * The {@code lithair} health indicator ({@link LithairHealthIndicator}), when Spring Boot's health support
 * is present; {@code management.health.lithair.enabled=false} turns it off.
 */
@AutoConfiguration(after = LithairAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class, LithairStore.class })
@ConditionalOnBean(LithairStore.class)
@ConditionalOnEnabledHealthIndicator("lithair")
public final class LithairHealthAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "lithairHealthIndicator")
    LithairHealthIndicator lithairHealthIndicator(LithairStore store, ObjectProvider<Cluster> cluster) {
        return new LithairHealthIndicator(store, cluster.getIfAvailable());
    }
}
