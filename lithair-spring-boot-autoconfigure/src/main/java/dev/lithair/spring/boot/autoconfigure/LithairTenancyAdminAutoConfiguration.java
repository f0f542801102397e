package dev.lithair.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.lithair.replication.TenantReplication;
import dev.lithair.spring.boot.autoconfigure.admin.CrossSiteWriteGuard;
import dev.lithair.spring.boot.autoconfigure.admin.EntityJsonView;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAudit;
import dev.lithair.spring.boot.autoconfigure.admin.LithairTenantsController;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.LithairStore;

/**
 * The tenants' admin routes ({@link LithairTenantsController}: {@code {admin}/tenants}, a tenant's stats and
 * export, off-boarding) and the admin audit, when tenants are enabled, in a servlet web application. As for the single store's admin routes, it
 * is served only when protected ({@link LithairAdminSecurityAutoConfiguration}, or
 * {@code lithair.admin.security.enabled=false}), and {@code lithair.admin.enabled=false} turns it off.
 */
@AutoConfiguration(after = { LithairTenancyAutoConfiguration.class, LithairAdminSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, LithairStore.class })
@ConditionalOnBean(TenantStores.class)
@ConditionalOnBooleanProperty(name = "lithair.admin.enabled", matchIfMissing = true)
@Conditional(OnAdminRoutesProtectedCondition.class)
@Import(LithairAdminWebAutoConfiguration.AdminSupportConfiguration.class)
public final class LithairTenancyAdminAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairTenancyAdminAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LithairTenantsController lithairTenantsController(TenantStores stores, LithairEntityModels models,
            EntityJsonView view, LithairAdminAudit audit, ObjectProvider<TenantReplication> replication,
            LithairProperties properties) {
        return new LithairTenantsController(stores, models.models(), view, audit,
                properties.getCluster().isEnabled() ? replication.getIfAvailable() : null);
    }

    /** Serves the tenants' routes under the admin base path; writes there (off-boarding) need a same-site caller. */
    @Bean
    WebMvcConfigurer lithairTenantsAdminBasePath(LithairProperties properties, LithairAdminAudit audit) {
        return new WebMvcConfigurer() {
            @Override
            public void configurePathMatch(PathMatchConfigurer configurer) {
                configurer.addPathPrefix(properties.getAdmin().getBasePath(),
                        HandlerTypePredicate.forAssignableType(LithairTenantsController.class));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CrossSiteWriteGuard(audit))
                        .addPathPatterns(properties.getAdmin().getBasePath() + "/tenants/**");
            }
        };
    }
}
