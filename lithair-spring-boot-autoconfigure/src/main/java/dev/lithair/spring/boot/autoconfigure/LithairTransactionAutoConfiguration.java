package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AbstractTransactionManagementConfiguration;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.transaction.LithairTransactionManager;

/**
 * A {@link LithairTransactionManager} as the application's transaction manager, unless it has one,
 * so that {@code @Transactional} methods commit their Lithair writes as one atomic batch.
 *
 * <p>It is set up the way Spring Boot sets up its own transaction managers: the application's
 * {@code TransactionManagerCustomizer}s (timeouts, execution listeners) apply to it, and it exists
 * before Boot's {@link TransactionAutoConfiguration} runs, which then enables {@code @Transactional}.
 * Should that auto-configuration be missing from the class path, {@code @Transactional} is enabled here.
 */
@AutoConfiguration(after = { LithairRepositoriesAutoConfiguration.class,
        TransactionManagerCustomizationAutoConfiguration.class }, before = TransactionAutoConfiguration.class)
@ConditionalOnClass(PlatformTransactionManager.class)
@ConditionalOnBean(LithairCommitter.class)
public final class LithairTransactionAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairTransactionAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    LithairTransactionManager transactionManager(LithairCommitter committer,
            ObjectProvider<TransactionManagerCustomizers> transactionManagerCustomizers) {
        LithairTransactionManager transactionManager = new LithairTransactionManager(committer);
        transactionManagerCustomizers.ifAvailable(customizers -> customizers.customize(transactionManager));
        return transactionManager;
    }

    /**
     * What Spring Boot's {@code TransactionAutoConfiguration} does when it is present: there is a
     * transaction manager here, Lithair's or the application's.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
    @ConditionalOnMissingBean(AbstractTransactionManagementConfiguration.class)
    @EnableTransactionManagement(proxyTargetClass = true)
    static class EnableTransactionManagementConfiguration {
    }
}
