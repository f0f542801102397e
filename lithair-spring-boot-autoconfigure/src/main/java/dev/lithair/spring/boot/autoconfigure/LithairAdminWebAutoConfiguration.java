package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.lithair.replication.Cluster;
import dev.lithair.spring.boot.autoconfigure.admin.ActuatorAuditSink;
import dev.lithair.spring.boot.autoconfigure.admin.CrossSiteWriteGuard;
import dev.lithair.spring.boot.autoconfigure.admin.EntityJsonView;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAudit;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAuditSink;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminController;
import dev.lithair.store.LithairStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin routes ({@link LithairAdminController}) under {@code lithair.admin.base-path}, in a servlet web
 * application, and their audit. Served only when they are protected (see
 * {@link LithairAdminSecurityAutoConfiguration}) or the application says it protects them
 * ({@code lithair.admin.security.enabled=false}); {@code lithair.admin.enabled=false} turns them off. A write
 * there that a browser sends for a page of another origin is refused ({@link CrossSiteWriteGuard}).
 */
@AutoConfiguration(after = { LithairAutoConfiguration.class, LithairAdminSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, LithairStore.class })
@ConditionalOnBean(LithairStore.class)
@ConditionalOnBooleanProperty(name = "lithair.admin.enabled", matchIfMissing = true)
@Conditional(OnAdminRoutesProtectedCondition.class)
@ImportRuntimeHints(LithairOperationsRuntimeHints.class)
public final class LithairAdminWebAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairAdminWebAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairAdminController lithairAdminController(LithairStore store, LithairEntityModels models,
            LithairProperties properties, LithairAdminAudit audit, ObjectProvider<Cluster> cluster,
            EntityJsonView view) {
        return new LithairAdminController(store, models.models(), properties.getCluster().getNodeId(), audit,
                cluster.getIfAvailable(), view, properties.getBackup().resolveDirectory(properties.getDataDir()));
    }

    /** Serves the admin controller's routes under the base path; writes there need the admin header. */
    @Bean
    WebMvcConfigurer lithairAdminBasePath(LithairProperties properties, LithairAdminAudit audit) {
        return new WebMvcConfigurer() {
            @Override
            public void configurePathMatch(PathMatchConfigurer configurer) {
                configurer.addPathPrefix(properties.getAdmin().getBasePath(),
                        HandlerTypePredicate.forAssignableType(LithairAdminController.class));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CrossSiteWriteGuard(audit))
                        .addPathPatterns(properties.getAdmin().getBasePath() + "/**");
            }
        };
    }

    /** What the single store's and the tenants' admin routes share: their audit and the entities' JSON. */
    @Configuration(proxyBeanMethods = false)
    @Import(ActuatorAuditConfiguration.class)
    static class AdminSupportConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LithairAdminAudit lithairAdminAudit(ObjectProvider<LithairAdminAuditSink> sinks) {
            return new LithairAdminAudit(sinks.orderedStream().toList());
        }

        /**
         * The application's JSON of its entities (Spring Boot's {@code JsonMapper}, when there is exactly
         * one): exports and histories leave out what it hides.
         */
        @Bean
        @ConditionalOnMissingBean
        EntityJsonView lithairEntityJsonView(ObjectProvider<JsonMapper> mapper) {
            return new EntityJsonView(mapper.getIfUnique(() -> JsonMapper.builder().build()));
        }
    }

    /** Admin actions also go to Spring Boot's audit event repository, when the application has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AuditEventRepository.class)
    static class ActuatorAuditConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "lithairActuatorAuditSink")
        ActuatorAuditSink lithairActuatorAuditSink(ObjectProvider<AuditEventRepository> repository) {
            return new ActuatorAuditSink(repository);
        }
    }
}
