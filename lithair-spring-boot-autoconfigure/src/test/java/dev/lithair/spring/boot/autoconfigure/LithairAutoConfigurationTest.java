package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.projection.Projection;
import dev.lithair.spring.boot.autoconfigure.fixtures.clash.ClashApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Catalog;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Customer;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.GiftCard;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Identified;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Money;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Product;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.ShopApplication;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class LithairAutoConfigurationTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp);
    }

    @Test
    void theStoreIsOpenedForTheEntityClassesOfTheApplicationsPackages() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LithairStore.class);
            assertThat(context.getBean(LithairEntityClasses.class).classes())
                    .containsExactly(Customer.class, GiftCard.class, Product.class);
            LithairStore store = context.getBean(LithairStore.class);
            store.commit(Commit.of(new Operation.Put("Product", "p1",
                    new Product("p1", "pens", "Blue pen", new BigDecimal("1.20")))));
            assertThat(store.find(Product.class, "p1")).get().extracting(Product::name).isEqualTo("Blue pen");
            assertThat(store.options().dataDirectory()).isEqualTo(tmp);
        });
    }

    @Test
    void entityTypesAreNamedAfterTheirSimpleClassNameUnlessConfigured() {
        runner().withPropertyValues("lithair.entity-names[" + Product.class.getName() + "]=Article")
                .run(context -> {
                    assertThat(context.getBean(LithairEntityModels.class).names())
                            .containsExactly("Customer", "GiftCard", "Article");
                    assertThat(context.getBean(LithairStore.class).codecOf(Product.class).typeName())
                            .isEqualTo("Article");
                });
    }

    @Test
    void anEntityNameForAClassThatIsNotAnEntityStopsStartUp() {
        runner().withPropertyValues("lithair.entity-names[com.example.Nothing]=Nothing").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidLithairConfigurationException.class)
                    .hasMessageContaining("com.example.Nothing").hasMessageContaining(Product.class.getName());
        });
    }

    @Test
    void twoEntityClassesWithTheSameSimpleNameStopStartUpUntilOneIsRenamed() {
        ApplicationContextRunner clash = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class))
                .withUserConfiguration(ClashApplication.class)
                .withPropertyValues("lithair.data-dir=" + tmp);
        clash.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new InvalidLithairConfigurationFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("Two entity classes are named 'Item'");
            assertThat(analysis.getAction()).contains("lithair.entity-names[");
        });
        clash.withPropertyValues("lithair.entity-names[dev.lithair.spring.boot.autoconfigure.fixtures.clash.b.Item]=OtherItem")
                .run(context -> assertThat(context.getBean(LithairEntityModels.class).names())
                        .containsExactlyInAnyOrder("Item", "OtherItem"));
    }

    @Test
    void fieldsWithoutHistorizeTakeTheConfiguredDefaultHistoryPolicy() {
        runner().withPropertyValues("lithair.history.default-policy=full").run(context -> {
            EntityModel<?> product = context.getBean(LithairEntityModels.class).byName("Product").orElseThrow();
            assertThat(product.field("name")).extracting(FieldModel::history).isEqualTo(HistoryPolicy.FULL);
        });
        runner().run(context -> {
            EntityModel<?> product = context.getBean(LithairEntityModels.class).byName("Product").orElseThrow();
            assertThat(product.field("name")).extracting(FieldModel::history).isEqualTo(HistoryPolicy.NONE);
        });
    }

    @Test
    void storeOptionsComeFromTheProperties() {
        runner().withPropertyValues("lithair.storage.fsync=batch", "lithair.storage.fsync-interval=25ms",
                "lithair.storage.format=binary", "lithair.storage.segment-size=1MB", "lithair.storage.hash-chain=true",
                "lithair.snapshot.every-events=500", "lithair.snapshot.retained=3",
                "lithair.idempotency.max-keys=1000", "lithair.idempotency.max-age=1h").run(context -> {
                    StoreOptions options = context.getBean(LithairStore.class).options();
                    assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.BATCH);
                    assertThat(options.fsyncInterval()).isEqualTo(Duration.ofMillis(25));
                    assertThat(options.format()).isEqualTo(StorageFormat.BINARY);
                    assertThat(options.segmentBytes()).isEqualTo(1024 * 1024);
                    assertThat(options.hashChain()).isTrue();
                    assertThat(options.snapshotEveryEvents()).isEqualTo(500);
                    assertThat(options.snapshotsRetained()).isEqualTo(3);
                    assertThat(options.idempotencyMaxKeys()).isEqualTo(1000);
                    assertThat(options.idempotencyMaxAge()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void theDefaultsAreDurableAndReadable() {
        runner().run(context -> {
            StoreOptions options = context.getBean(LithairStore.class).options();
            assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
            assertThat(options.format()).isEqualTo(StorageFormat.JSON);
            LithairProperties properties = context.getBean(LithairProperties.class);
            assertThat(properties.getAdmin().getBasePath()).isEqualTo("/lithair/admin");
            assertThat(properties.getAdmin().getRoles()).containsExactly("LITHAIR_ADMIN");
            assertThat(properties.getCluster().getHost()).isEqualTo("127.0.0.1");
        });
        // Checked on the properties alone: a context would open a store in the module's own ./data.
        assertThat(new LithairProperties().getDataDir()).isEqualTo(Path.of("./data"));
    }

    @Test
    void customizersChangeTheOptionsAndAnApplicationsOwnBeansReplaceTheAutoConfiguredOnes() {
        runner().withBean(LithairStoreOptionsCustomizer.class, () -> options -> options.withSnapshotsRetained(7))
                .withBean(LithairEntityClasses.class, () -> LithairEntityClasses.of(Product.class))
                .run(context -> {
                    assertThat(context.getBean(LithairStore.class).options().snapshotsRetained()).isEqualTo(7);
                    assertThat(context.getBean(LithairEntityModels.class).names()).containsExactly("Product");
                });
        runner().withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasSingleBean(LithairStore.class);
            assertThat(context.getBean(LithairStore.class).options().dataDirectory()).isEqualTo(tmp.resolve("own"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean(destroyMethod = "close")
        LithairStore myStore(LithairEntityModels models, LithairProperties properties) {
            return LithairStore.open(StoreOptions.defaults(properties.getDataDir().resolve("own")), models.models());
        }
    }

    @Test
    void projectionBeansAreMaintainedByTheStore() {
        Projection<Product, String, Long> perCategory = Projection.counting("productsPerCategory", Product.class,
                Product::category);
        runner().withBean("productsPerCategory", Projection.class, () -> perCategory).run(context -> {
            LithairStore store = context.getBean(LithairStore.class);
            store.commit(Commit.of(new Operation.Put("Product", "p1", new Product("p1", "pens", "Pen", BigDecimal.ONE)),
                    new Operation.Put("Product", "p2", new Product("p2", "pens", "Ink", BigDecimal.TEN))));
            assertThat(store.projections().get(perCategory, "pens")).isEqualTo(2L);
        });
    }

    @Test
    void theStoreIsClosedWithTheContext() {
        LithairStore[] store = new LithairStore[1];
        runner().run(context -> store[0] = context.getBean(LithairStore.class));
        assertThat(store[0].isClosed()).isTrue();
    }

    @Test
    void enablingTheClusterWithoutSofaJraftStopsStartUpRatherThanRunningASingleNodeSilently() {
        runner().withConfiguration(AutoConfigurations.of(LithairClusterAutoConfiguration.class))
                .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("com.alipay.sofa.jraft"))
                .withPropertyValues("lithair.cluster.enabled=true", "lithair.cluster.raft-port=9101",
                "lithair.cluster.peers=127.0.0.1:9101,127.0.0.1:9102,127.0.0.1:9103").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new InvalidLithairConfigurationFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("SOFAJRaft (com.alipay.sofa:jraft-core) is not on the class path");
                    assertThat(analysis.getAction()).contains("lithair.cluster.enabled");
                });
    }

    @Test
    void aSingleNodeRefusesADataDirectoryHoldingAClusterMembersRaftLog() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("raft"));
        runner().run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidLithairConfigurationFailureAnalyzer()
                    .analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("holds a cluster member's Raft log");
            assertThat(analysis.getAction()).contains("lithair.cluster.enabled=true");
        });
    }

    @Test
    void clusterSettingsAreBoundAndCheckedEvenWhileClusteringIsOff() {
        runner().withPropertyValues("lithair.cluster.node-id=n1", "lithair.cluster.raft-port=9101",
                "lithair.cluster.peers=127.0.0.1:9101, 127.0.0.1:9102", "lithair.cluster.read-consistency=linearizable",
                "lithair.cluster.election-timeout=2s", "lithair.cluster.snapshot-interval=10m").run(context -> {
                    LithairProperties.Cluster cluster = context.getBean(LithairProperties.class).getCluster();
                    assertThat(cluster.getPeers()).containsExactly("127.0.0.1:9101", "127.0.0.1:9102");
                    assertThat(cluster.getReadConsistency())
                            .isEqualTo(LithairProperties.ReadConsistency.LINEARIZABLE);
                    assertThat(cluster.getElectionTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void anEnabledClusterMustListThisNodeAmongItsPeers() {
        assertBindingFails(List.of("lithair.cluster.enabled=true", "lithair.cluster.raft-port=9101",
                "lithair.cluster.peers=127.0.0.1:9102"), "lithair.cluster.peers", "must include this node");
    }

    @Test
    void badValuesStopStartUpNamingThePropertyAndWhatIsAllowed() {
        assertBindingFails(List.of("lithair.snapshot.retained=0"), "lithair.snapshot.retained", "at least 1");
        assertBindingFails(List.of("lithair.snapshot.every-events=-1"), "lithair.snapshot.every-events",
                "or positive");
        assertBindingFails(List.of("lithair.storage.fsync-interval=0s"), "lithair.storage.fsync-interval",
                "must be positive");
        assertBindingFails(List.of("lithair.storage.segment-size=1KB"), "lithair.storage.segment-size",
                "at least 4KB");
        assertBindingFails(List.of("lithair.history.default-policy=versions"), "lithair.history.default-policy",
                "none or full");
        assertBindingFails(List.of("lithair.idempotency.max-keys=0"), "lithair.idempotency.max-keys", "at least 1");
        assertBindingFails(List.of("lithair.admin.base-path=/"), "lithair.admin.base-path", "below the root");
        assertBindingFails(List.of("lithair.admin.base-path=/ops/"), "lithair.admin.base-path", "must not end");
        assertBindingFails(List.of("lithair.admin.base-path=/ops/**"), "lithair.admin.base-path", "no patterns");
        assertBindingFails(List.of("lithair.admin.roles=ROLE_OPS"), "lithair.admin.roles", "without the 'ROLE_'");
        assertBindingFails(List.of("lithair.cluster.peers=node-a"), "lithair.cluster.peers", "host:raftPort");
        assertBindingFails(List.of("lithair.cluster.raft-port=70000"), "lithair.cluster.raft-port", "65535");
        runner().withPropertyValues("lithair.entity-names[" + Product.class.getName() + "]=a/b").run(context ->
                assertThat(StartupFailures.report(context.getStartupFailure()))
                        .contains("lithair.entity-names[" + Product.class.getName() + "] is 'a/b'")
                        .contains("may only contain"));
    }

    @Test
    void anUnknownEnumValueStopsStartUp() {
        runner().withPropertyValues("lithair.storage.fsync=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.report(context.getStartupFailure())).contains("lithair.storage.fsync")
                    .contains("sometimes").containsIgnoringCase("always");
        });
    }

    private void assertBindingFails(List<String> properties, String property, String reason) {
        runner().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).as("%s", properties).hasFailed();
            assertThat(StartupFailures.report(context.getStartupFailure())).as("%s", properties)
                    .contains("Property: " + property).contains(reason);
        });
    }

    @Test
    void theScannerIgnoresClassesWithoutEntityAnnotations() {
        runner().run(context -> assertThat(context.getBean(LithairEntityClasses.class).classes())
                .doesNotContainAnyElementsOf(Set.of(Money.class, Catalog.class, Identified.class)));
    }
}
