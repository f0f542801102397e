package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminController;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminHttpSecurityCustomizer;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.ShopApplication;

/** Which admin beans and security filter chains exist, in which situation. */
class LithairAdminAutoConfigurationTest {

    private static final String ADMIN_CHAIN = "lithairAdminSecurityFilterChain";
    private static final String LITHAIR_DEFAULT_CHAIN = "lithairDefaultSecurityFilterChain";
    private static final String BOOT_DEFAULT_CHAIN = "defaultSecurityFilterChain";

    @TempDir
    Path tmp;

    private WebApplicationContextRunner lithair() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairAdminSecurityAutoConfiguration.class, LithairAdminWebAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp, "lithair.storage.fsync=never");
    }

    private WebApplicationContextRunner withBootSecurity() {
        return lithair().withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));
    }

    @Test
    void withSpringBootsDefaultSecurityLithairAddsOnlyTheAdminChain() {
        withBootSecurity().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LithairAdminController.class);
            assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                    .containsExactlyInAnyOrder(ADMIN_CHAIN, BOOT_DEFAULT_CHAIN);
        });
    }

    @Test
    void withoutSpringBootsDefaultChainLithairPutsTheSameDefaultBack() {
        lithair().withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class))
                .withUserConfiguration(WebSecurityWithoutChain.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                            .containsExactlyInAnyOrder(ADMIN_CHAIN, LITHAIR_DEFAULT_CHAIN);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class WebSecurityWithoutChain {
    }

    @Test
    void anApplicationsOwnChainIsKeptAndNoDefaultIsAdded() {
        withBootSecurity().withUserConfiguration(OwnChain.class).run(context -> assertThat(
                context.getBeansOfType(SecurityFilterChain.class).keySet())
                        .containsExactlyInAnyOrder("ownChain", ADMIN_CHAIN));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        @Bean
        SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/api/**").authorizeHttpRequests(r -> r.anyRequest().permitAll()).build();
        }
    }

    @Test
    void anApplicationChainNamedLikeTheAdminChainReplacesItAndTheDefaultStaysInPlace() {
        withBootSecurity().withUserConfiguration(OwnAdminChain.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LithairAdminController.class);
            assertThat(context.getBean(ADMIN_CHAIN)).isSameAs(context.getBean(OwnAdminChain.class).built);
            assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                    .as("the application's routes stay protected").containsExactlyInAnyOrder(ADMIN_CHAIN,
                            LITHAIR_DEFAULT_CHAIN);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAdminChain {
        SecurityFilterChain built;

        @Bean
        @Order(LithairAdminSecurityAutoConfiguration.ADMIN_FILTER_CHAIN_ORDER)
        SecurityFilterChain lithairAdminSecurityFilterChain(HttpSecurity http) throws Exception {
            built = http.securityMatcher("/lithair/admin/**").authorizeHttpRequests(r -> r.anyRequest()
                    .hasRole("OPS")).httpBasic(withDefaults()).build();
            return built;
        }
    }

    @Test
    void securityOffLeavesTheAdminRoutesToTheApplicationsChainsAndSpringBootsDefault() {
        withBootSecurity().withPropertyValues("lithair.admin.security.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(LithairAdminController.class);
            assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet()).containsExactly(BOOT_DEFAULT_CHAIN);
        });
    }

    @Test
    void withoutSpringSecurityTheAdminRoutesAreNotServedUnlessTheApplicationProtectsThem() {
        FilteredClassLoader noSecurity = new FilteredClassLoader("org.springframework.security");
        lithair().withClassLoader(noSecurity).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LithairAdminController.class);
            assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
        });
        lithair().withClassLoader(noSecurity).withPropertyValues("lithair.admin.security.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(LithairAdminController.class));
    }

    @Test
    void theAdminRoutesCanBeSwitchedOff() {
        withBootSecurity().withPropertyValues("lithair.admin.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(LithairAdminController.class);
            assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet()).containsExactly(BOOT_DEFAULT_CHAIN);
        });
    }

    @Test
    void outsideAWebApplicationThereIsNoAdmin() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairAdminSecurityAutoConfiguration.class, LithairAdminWebAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class).withPropertyValues("lithair.data-dir=" + tmp)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LithairAdminController.class));
    }

    @Test
    void customizersAddToTheAdminChain() {
        AtomicInteger calls = new AtomicInteger();
        withBootSecurity().withBean(LithairAdminHttpSecurityCustomizer.class,
                () -> http -> calls.incrementAndGet()).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(calls).hasValue(1);
                });
    }
}
