package dev.lithair.spring.boot.autoconfigure;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.servlet.DispatcherServlet;

import dev.lithair.spring.boot.autoconfigure.admin.AdminRefusalAuditFilter;
import dev.lithair.spring.boot.autoconfigure.admin.CrossSiteWriteGuard;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAudit;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminHttpSecurityCustomizer;
import dev.lithair.spring.boot.autoconfigure.admin.ProblemDetailsSecurityHandler;
import dev.lithair.store.LithairStore;

/**
 * Protects the admin routes, and only them, with Spring Security.
 *
 * <ul>
 * <li>{@value #ADMIN_FILTER_CHAIN}: a {@link SecurityFilterChain} matching
 * {@code lithair.admin.base-path/**} only, ordered before the application's chains
 * ({@link #ADMIN_FILTER_CHAIN_ORDER}), requiring one of {@code lithair.admin.roles}. Callers authenticate
 * with HTTP Basic, with the application's session (a user logged in through the application's form
 * login), or with what {@link LithairAdminHttpSecurityCustomizer} beans add. Failures are problem details:
 * 401 without credentials, 403 without an admin role. A state-changing request that comes with a session
 * cookie and no {@code Authorization} header needs a CSRF token, as in the application; others (HTTP Basic
 * clients, anonymous callers, who get their 401) need none. An admin write that a browser sends for a page
 * of another origin is refused whoever protects the routes ({@link CrossSiteWriteGuard}), since a browser
 * holding HTTP Basic credentials would attach them to a request forged by another site. Refused
 * calls are audited ({@link AdminRefusalAuditFilter}).</li>
 * <li>{@value #DEFAULT_FILTER_CHAIN}: Spring Boot protects everything (any request authenticated, form
 * login, HTTP Basic) only while no {@code SecurityFilterChain} bean exists, so the admin chain alone would
 * leave the application's own routes open. This auto-configuration runs after Spring Boot's security
 * auto-configurations, so Boot's default chain is normally registered already (it then stays, with its
 * actuator health rule); when no chain other than Lithair's exists at all, this one puts the same default
 * back, at Boot's order. Adding Lithair never weakens an application's security.</li>
 * </ul>
 *
 * <p>To protect the admin path yourself, either define a {@code SecurityFilterChain} bean named
 * {@value #ADMIN_FILTER_CHAIN} (it replaces Lithair's; give it a {@code securityMatcher} for the base path
 * and an {@code @Order} before any chain that matches every request, such as
 * {@link #ADMIN_FILTER_CHAIN_ORDER}), or set {@code lithair.admin.security.enabled=false} and cover the base
 * path in your own chain: Lithair then contributes no chain at all.
 */
@AutoConfiguration(after = { LithairAutoConfiguration.class, LithairTenancyAutoConfiguration.class }, afterName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, DispatcherServlet.class, LithairStore.class })
@ConditionalOnBean(HttpSecurity.class)
@Conditional(OnStoreOrTenantStoresCondition.class)
@ConditionalOnBooleanProperty(name = "lithair.admin.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = OnAdminRoutesProtectedCondition.SECURITY_ENABLED, matchIfMissing = true)
public final class LithairAdminSecurityAutoConfiguration {

    /** Name of the admin routes' security filter chain; a bean of this name replaces Lithair's. */
    public static final String ADMIN_FILTER_CHAIN = "lithairAdminSecurityFilterChain";

    /** Name of the default chain Lithair contributes when the application has none. */
    public static final String DEFAULT_FILTER_CHAIN = "lithairDefaultSecurityFilterChain";

    /** Order of the admin chain: before the application's chains, which it cannot shadow (its matcher is narrow). */
    public static final int ADMIN_FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** Created by Spring Boot's auto-configuration. */
    public LithairAdminSecurityAutoConfiguration() {
    }

    @Bean(name = ADMIN_FILTER_CHAIN)
    @Order(ADMIN_FILTER_CHAIN_ORDER)
    @ConditionalOnMissingBean(name = ADMIN_FILTER_CHAIN)
    SecurityFilterChain lithairAdminSecurityFilterChain(HttpSecurity http, LithairProperties properties,
            ObjectProvider<LithairAdminHttpSecurityCustomizer> customizers, ObjectProvider<LithairAdminAudit> audit)
            throws Exception {
        LithairProperties.Admin admin = properties.getAdmin();
        ProblemDetailsSecurityHandler problems = new ProblemDetailsSecurityHandler("Lithair admin", admin.getRoles());
        http.securityMatcher(admin.getBasePath() + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAnyRole(admin.getRoles().toArray(String[]::new)))
                .httpBasic(basic -> basic.realmName("Lithair admin").authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                // An API: no login page to come back to, so no session created to remember the request.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // Only a session cookie is an ambient credential a forged request could ride on; requests
                // carrying an Authorization header, or no session at all, need no CSRF token.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request -> CsrfFilter.DEFAULT_CSRF_MATCHER
                        .matches(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                        && request.getRequestedSessionId() != null))
                // Refused calls (401, 403) never reach the routes' own audit.
                .addFilterAfter(new AdminRefusalAuditFilter(audit::getObject), SecurityContextHolderFilter.class);
        for (LithairAdminHttpSecurityCustomizer customizer : customizers.orderedStream().toList()) {
            customizer.customize(http);
        }
        return http.build();
    }

    /** Spring Boot's default web security, when the admin chain would otherwise be the only chain. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnNoApplicationSecurityFilterChainCondition.class)
    static class DefaultWebSecurityConfiguration {

        @Bean(name = DEFAULT_FILTER_CHAIN)
        @Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
        SecurityFilterChain lithairDefaultSecurityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            http.formLogin(withDefaults());
            http.httpBasic(withDefaults());
            return http.build();
        }
    }
}
