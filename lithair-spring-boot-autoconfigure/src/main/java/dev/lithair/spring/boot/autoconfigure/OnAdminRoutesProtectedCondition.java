package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the admin routes will be protected: a security filter chain named
 * {@code lithairAdminSecurityFilterChain} exists (Lithair's or the application's), or the application
 * declared that it protects them itself ({@code lithair.admin.security.enabled=false}). Without either
 * (no Spring Security, say) the admin routes are not served at all, rather than served open.
 */
class OnAdminRoutesProtectedCondition extends SpringBootCondition implements ConfigurationCondition {

    static final String SECURITY_ENABLED = "lithair.admin.security.enabled";

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("Lithair admin routes protected");
        if (!context.getEnvironment().getProperty(SECURITY_ENABLED, Boolean.class, true)) {
            return ConditionOutcome.match(message.because(SECURITY_ENABLED + " is false: the application protects "
                    + "them"));
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null && beanFactory.containsBean(LithairAdminSecurityAutoConfiguration.ADMIN_FILTER_CHAIN)) {
            return ConditionOutcome.match(message.found("bean").items(
                    LithairAdminSecurityAutoConfiguration.ADMIN_FILTER_CHAIN));
        }
        return ConditionOutcome.noMatch(message.because("no " + LithairAdminSecurityAutoConfiguration.ADMIN_FILTER_CHAIN
                + " bean (is Spring Security with its web support on the class path?) and " + SECURITY_ENABLED
                + " is not false: the admin routes are not served unprotected"));
    }
}
