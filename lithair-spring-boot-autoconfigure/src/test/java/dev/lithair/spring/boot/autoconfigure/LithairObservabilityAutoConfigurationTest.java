package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Product;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.ShopApplication;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.node.JsonNodeFactory;

/** Metrics, health and the actuator endpoint: present with their libraries, absent without. */
class LithairObservabilityAutoConfigurationTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairMetricsAutoConfiguration.class, LithairHealthAutoConfiguration.class,
                        LithairEndpointAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp, "lithair.storage.fsync=never");
    }

    private ApplicationContextRunner withMeterRegistry() {
        return runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
    }

    private static Operation put(String id, String category) {
        return new Operation.Put("Product", id, new Product(id, category, "Product " + id, BigDecimal.ONE));
    }

    @Test
    void commitsSnapshotsAndTheLogAreMeasured() {
        withMeterRegistry().run(context -> {
            LithairStore store = context.getBean(LithairStore.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            store.commit(Commit.of(put("p1", "pens"), put("p2", "pens")));
            store.commit(Commit.of(put("p3", "ink")).withIdempotencyKey("k1"));
            store.commit(Commit.of(put("p4", "ink")).withIdempotencyKey("k1"));
            store.snapshot().join();

            assertThat(registry.get("lithair.events.appended").counter().count()).isEqualTo(3);
            assertThat(registry.get("lithair.commit.latency").timer().count()).isEqualTo(3);
            assertThat(registry.get("lithair.idempotency.duplicates").counter().count()).isEqualTo(1);
            assertThat(registry.get("lithair.snapshot.duration").timer().count()).isEqualTo(1);
            assertThat(registry.get("lithair.sequence").gauge().value()).isEqualTo(3);
            assertThat(registry.get("lithair.entities").tag("type", "Product").gauge().value()).isEqualTo(3);
            assertThat(registry.get("lithair.entities").tag("type", "Customer").gauge().value()).isZero();
            assertThat(registry.get("lithair.log.size").gauge().value()).isPositive();
            assertThat(registry.get("lithair.log.segments").gauge().value()).isPositive();
            assertThat(registry.get("lithair.idempotency.keys").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void aTypeFirstSeenInACommitGetsItsEntitiesGauge() {
        withMeterRegistry().run(context -> {
            LithairStore store = context.getBean(LithairStore.class);
            store.commit(Commit.of(new Operation.Put("Note", "n1",
                    JsonNodeFactory.instance.objectNode().put("id", "n1"))));
            assertThat(context.getBean(MeterRegistry.class).get("lithair.entities").tag("type", "Note").gauge()
                    .value()).isEqualTo(1);
        });
    }

    @Test
    void aTypeStoredWithoutAModelHasItsEntitiesGaugeAfterARestart() {
        withMeterRegistry().run(context -> context.getBean(LithairStore.class).commit(Commit.of(new Operation.Put(
                "Note", "n1", JsonNodeFactory.instance.objectNode().put("id", "n1")))));

        withMeterRegistry().run(context -> assertThat(context.getBean(MeterRegistry.class).get("lithair.entities")
                .tag("type", "Note").gauge().value()).isEqualTo(1));
    }

    @Test
    void beforeTheStoreOpensTheHealthIsDownSayingSoAndTheGaugesReadNothing() {
        withMeterRegistry().withInitializer(StoreLifecycleTest::startOnlyWhenAsked).run(context -> {
            Health health = context.getBean(LithairHealthIndicator.class).health(true);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason",
                    "the store is not open yet: it opens when the application starts");
            assertThat(registry.get("lithair.sequence").gauge().value()).isNaN();
            assertThat(registry.get("lithair.storage.available").gauge().value()).isZero();
            assertThat(registry.get("lithair.entities").tag("type", "Product").gauge().value()).isNaN();
            assertThat(registry.get("lithair.log.size").gauge().value()).isNaN();

            context.start();

            assertThat(context.getBean(LithairHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
            assertThat(registry.get("lithair.sequence").gauge().value()).isZero();
            assertThat(registry.get("lithair.storage.available").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void withoutAMeterRegistryOrMicrometerThereAreNoMeters() {
        runner().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LithairStoreMetrics.class));
        runner().withBean(SimpleMeterRegistry.class)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LithairStoreMetrics.class));
    }

    @Test
    void theHealthIsUpWithTheSequencesAndFreeSpaceWhileTheStoreIsOpen() {
        runner().run(context -> {
            context.getBean(LithairStore.class).commit(Commit.of(put("p1", "pens")));
            Health health = context.getBean("lithairHealthIndicator", LithairHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("lastSequence", 1L).containsEntry("lastSnapshotSequence", 0L)
                    .containsEntry("dataDirectory", tmp.toString()).containsKey("freeBytes");
        });
    }

    @Test
    void theHealthIsDownOnceTheStoreIsClosed() {
        runner().run(context -> {
            context.getBean(LithairStore.class).close();
            Health health = context.getBean(LithairHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "the store is closed");
        });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOffOrReplaced() {
        runner().withPropertyValues("management.health.lithair.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LithairHealthIndicator.class));
        runner().withClassLoader(new FilteredClassLoader(Health.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LithairHealthIndicator.class));
        runner().withBean("lithairHealthIndicator", HealthIndicator.class,
                () -> () -> Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean(LithairHealthIndicator.class));
    }

    @Test
    void theEndpointExistsOnceExposedAndReportsTheStore() {
        runner().withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=lithair").run(context -> {
                    context.getBean(LithairStore.class).commit(Commit.of(put("p1", "pens")));
                    LithairEndpoint.LithairDescriptor descriptor = context.getBean(LithairEndpoint.class).lithair();
                    assertThat(descriptor.mode()).isEqualTo("single-node");
                    assertThat(descriptor.stats().sequence()).isEqualTo(1);
                    assertThat(descriptor.stats().entities()).containsEntry("Product", 1).containsEntry("Customer", 0);
                    assertThat(descriptor.storage().fsync()).isEqualTo("never");
                });
        runner().withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LithairEndpoint.class));
    }
}
