package dev.lithair.spring.boot.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Matches when no {@link SecurityFilterChain} bean exists besides Lithair's own: neither the
 * application's nor Spring Boot's default. Spring Boot (and Spring Security itself) protect every request
 * only while no chain bean exists, so Lithair's admin chain would silently switch that protection off;
 * this condition lets Lithair put the same default back.
 */
class OnNoApplicationSecurityFilterChainCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("application SecurityFilterChain");
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory == null) {
            return ConditionOutcome.noMatch(message.because("no bean factory"));
        }
        List<String> others = Arrays.stream(beanFactory.getBeanNamesForType(SecurityFilterChain.class, true, false))
                .filter(name -> !name.equals(LithairAdminSecurityAutoConfiguration.ADMIN_FILTER_CHAIN)
                        && !name.equals(LithairAdminSecurityAutoConfiguration.DEFAULT_FILTER_CHAIN))
                .toList();
        if (others.isEmpty()) {
            return ConditionOutcome.match(message.didNotFind("security filter chain besides Lithair's").atAll());
        }
        return ConditionOutcome.noMatch(message.found("security filter chain", "security filter chains")
                .items(others));
    }
}
