package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.lithair.spring.boot.autoconfigure.fixtures.shop.ShopApplication;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.LithairStore;

/** {@code lithair.tenancy.*}: off by default, checked when bound, and a bad value stops start-up clearly. */
class TenancyConfigurationTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairTenancyAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp);
    }

    @Test
    void withoutTheFlagThereIsOneStoreAndNoTenants() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(LithairStore.class).doesNotHaveBean(TenantStores.class);
        });
    }

    @Test
    void withTheFlagThereAreTenantStoresAndNoSingleStoreAndNothingIsCreatedOnDisk() {
        runner().withPropertyValues("lithair.tenancy.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(TenantStores.class).doesNotHaveBean(LithairStore.class);
            assertThat(context.getBean(TenantStores.class).tenantsDirectory()).doesNotExist();
        });
    }

    @Test
    void aCapBelowOneStopsStartUpNamingTheProperty() {
        runner().withPropertyValues("lithair.tenancy.enabled=true", "lithair.tenancy.max-open=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lithair.tenancy.max-open");
        });
    }

    @Test
    void anEmptyHeaderOrIdleTimeoutStopsStartUpNamingTheProperty() {
        runner().withPropertyValues("lithair.tenancy.header= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lithair.tenancy.header");
        });
        runner().withPropertyValues("lithair.tenancy.idle-timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lithair.tenancy.idle-timeout");
        });
    }
}
