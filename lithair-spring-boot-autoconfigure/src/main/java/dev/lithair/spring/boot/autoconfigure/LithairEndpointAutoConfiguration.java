package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

import dev.lithair.store.LithairStore;

/**
 * The {@code lithair} actuator endpoint ({@link LithairEndpoint}), when the actuator is present and the
 * endpoint is available ({@code management.endpoints.web.exposure.include} must name it to reach it over
 * HTTP, as for any endpoint but health).
 */
@AutoConfiguration(after = LithairAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, LithairStore.class })
@ConditionalOnBean(LithairStore.class)
@ConditionalOnAvailableEndpoint(LithairEndpoint.class)
@ImportRuntimeHints(LithairOperationsRuntimeHints.class)
public final class LithairEndpointAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairEndpoint lithairEndpoint(LithairStore store, LithairEntityModels models) {
        return new LithairEndpoint(store, models);
    }
}
