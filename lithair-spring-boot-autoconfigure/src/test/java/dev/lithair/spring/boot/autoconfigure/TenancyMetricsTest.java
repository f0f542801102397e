package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Product;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.ShopApplication;
import dev.lithair.spring.tenancy.OpenTenant;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The tenants' meters: commits tagged with the tenant for the tenants of {@code lithair.tenancy.metrics-tenants}
 * and added up under {@code tenant=other} for the rest, and gauges of the open and known tenants.
 */
class TenancyMetricsTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairTenancyAutoConfiguration.class, LithairMetricsAutoConfiguration.class,
                        LithairTenancyMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp, "lithair.storage.fsync=never");
    }

    private static void commitAs(TenantStores stores, String tenant, Commit commit) {
        OpenTenant open = stores.acquire(tenant);
        try {
            open.store().commit(commit);
        } finally {
            stores.release(open);
        }
    }

    private static Operation put(String sku) {
        return new Operation.Put("Product", sku, new Product(sku, "pens", "Pen " + sku, BigDecimal.ONE));
    }

    @Test
    void listedTenantsHaveTheirOwnTagAndTheOthersAreAddedUpUnderOther() {
        runner().withPropertyValues("lithair.tenancy.enabled=true", "lithair.tenancy.metrics-tenants=gold")
                .run(context -> {
                    TenantStores stores = context.getBean(TenantStores.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    commitAs(stores, "gold", Commit.of(put("p1"), put("p2")));
                    commitAs(stores, "silver", Commit.of(put("p1")));
                    commitAs(stores, "bronze", Commit.of(put("p1")).withIdempotencyKey("k"));
                    commitAs(stores, "bronze", Commit.of(put("p2")).withIdempotencyKey("k"));

                    assertThat(registry.get("lithair.events.appended").tag("tenant", "gold").counter().count())
                            .isEqualTo(2);
                    assertThat(registry.get("lithair.events.appended").tag("tenant", "other").counter().count())
                            .isEqualTo(2);
                    assertThat(registry.get("lithair.commit.latency").tag("tenant", "gold").timer().count())
                            .isEqualTo(1);
                    assertThat(registry.get("lithair.idempotency.duplicates").tag("tenant", "other").counter()
                            .count()).isEqualTo(1);
                    assertThat(registry.find("lithair.events.appended").counters())
                            .extracting(counter -> counter.getId().getTag("tenant"))
                            .containsExactlyInAnyOrder("gold", "other");
                    assertThat(registry.get("lithair.tenancy.open").gauge().value()).isEqualTo(3);
                    assertThat(registry.get("lithair.tenancy.known").gauge().value()).isEqualTo(3);
                });
    }

    @Test
    void theGaugesCountClosedTenantsAsKnownAndNotOpen() {
        runner().withPropertyValues("lithair.tenancy.enabled=true", "lithair.tenancy.max-open=1").run(context -> {
            TenantStores stores = context.getBean(TenantStores.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            commitAs(stores, "first", Commit.of(put("p1")));
            commitAs(stores, "second", Commit.of(put("p1")));

            assertThat(registry.get("lithair.tenancy.open").gauge().value()).isEqualTo(1);
            assertThat(registry.get("lithair.tenancy.known").gauge().value()).isEqualTo(2);
        });
    }

    @Test
    void aSingleStoreApplicationHasNoTenantMeters() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(LithairStoreMetrics.class).doesNotHaveBean(LithairTenantMetrics.class);
            assertThat(context.getBean(MeterRegistry.class).find("lithair.tenancy.open").gauge()).isNull();
        });
    }

    @Test
    void anInvalidOrReservedMetricsTenantStopsStartUpNamingTheProperty() {
        for (String listed : new String[] { "../x", "other" }) {
            runner().withPropertyValues("lithair.tenancy.enabled=true", "lithair.tenancy.metrics-tenants=" + listed)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .hasMessageContaining("lithair.tenancy.metrics-tenants");
                    });
        }
    }
}
