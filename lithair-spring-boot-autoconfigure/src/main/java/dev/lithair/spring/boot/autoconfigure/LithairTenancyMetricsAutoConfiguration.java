package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.lithair.spring.tenancy.TenantStores;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters of the tenants' stores ({@link LithairTenantMetrics}), when tenants are enabled and the
 * application has a meter registry; the single store's meters ({@link LithairMetricsAutoConfiguration}) are
 * not made then, as there is no single store.
 */
@AutoConfiguration(after = LithairTenancyAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, TenantStores.class })
@ConditionalOnBean({ MeterRegistry.class, TenantStores.class })
public final class LithairTenancyMetricsAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairTenancyMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairTenantMetrics lithairTenantMetrics(TenantStores stores, LithairProperties properties) {
        return new LithairTenantMetrics(stores, properties.getTenancy().getMetricsTenants());
    }
}
