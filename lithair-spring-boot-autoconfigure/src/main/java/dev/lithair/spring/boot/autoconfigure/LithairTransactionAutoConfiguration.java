package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
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
 * so that {@code @Transactional} methods commit their Lithair writes as one atomic batch; and
 * {@code @Transactional} support itself when Spring Boot's transaction auto-configuration is not on
 * the class path to provide it.
 */
@AutoConfiguration(after = LithairRepositoriesAutoConfiguration.class,
        beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass(PlatformTransactionManager.class)
@ConditionalOnBean(LithairCommitter.class)
public final class LithairTransactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    LithairTransactionManager transactionManager(LithairCommitter committer) {
        return new LithairTransactionManager(committer);
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
