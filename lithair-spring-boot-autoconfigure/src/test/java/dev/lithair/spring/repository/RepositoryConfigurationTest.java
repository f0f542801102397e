package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.repository.config.EnableLithairRepositories;
import dev.lithair.spring.repository.config.LithairRepositoryEntityTypes;
import dev.lithair.spring.repository.shop.Account;
import dev.lithair.spring.repository.shop.AccountRepository;
import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.repository.shop.ProductRepository;
import dev.lithair.spring.transaction.LithairTransactionManager;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;

/** How the repositories come to be: auto-configured, enabled explicitly, restarted, or not at all. */
@ExtendWith(OutputCaptureExtension.class)
class RepositoryConfigurationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .withPropertyValues("shop.data-dir=" + dataDir);
    }

    /** A store opened with the domain types the repository scan found. */
    @Configuration(proxyBeanMethods = false)
    static class StoreOnScannedTypes {

        @Bean(destroyMethod = "close")
        LithairStore lithairStore(@Value("${shop.data-dir}") Path dir,
                ObjectProvider<LithairRepositoryEntityTypes> types) {
            Set<Class<?>> entityTypes = types.getIfAvailable(() -> new LithairRepositoryEntityTypes(Set.of())).types();
            return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER), entityTypes
                    .stream().<EntityModel<?>>map(type -> EntityModel.of(type, HistoryPolicy.NONE)).toList());
        }
    }

    /** An application whose package holds the shop's repositories, found by the auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = ProductRepository.class)
    static class ScannedShop extends StoreOnScannedTypes {
    }

    /** An application that names the repositories' package itself. */
    @Configuration(proxyBeanMethods = false)
    @EnableLithairRepositories(basePackageClasses = ProductRepository.class)
    static class EnabledShop extends StoreOnScannedTypes {
    }

    @Test
    void withoutTheAnnotationTheApplicationsPackagesAreScannedAndTheirDomainTypesExposed() {
        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            assertThat(context).hasSingleBean(ProductRepository.class).hasSingleBean(AccountRepository.class)
                    .hasSingleBean(LithairTemplate.class);
            assertThat(context.getBean(LithairRepositoryEntityTypes.class).types())
                    .containsExactly(Account.class, Product.class);
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(LithairTransactionManager.class);
        });
    }

    @Test
    void enableLithairRepositoriesScansTheNamedPackages() {
        runner().withUserConfiguration(EnabledShop.class).run(context -> {
            assertThat(context).hasSingleBean(ProductRepository.class);
            ProductRepository products = context.getBean(ProductRepository.class);
            products.save(Product.of("p1", "Lamp", "lighting", "10"));
            assertThat(products.findByCategory("lighting")).hasSize(1);
        });
    }

    @Test
    void withoutALithairStoreNothingIsConfigured() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LithairTemplate.class)
                        .doesNotHaveBean(Repository.class).doesNotHaveBean(PlatformTransactionManager.class));
    }

    @Test
    void repositoriesCanBeTurnedOff() {
        runner().withUserConfiguration(ScannedShop.class).withPropertyValues("lithair.repositories.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ProductRepository.class)
                        .doesNotHaveBean(LithairTemplate.class).doesNotHaveBean(PlatformTransactionManager.class));
    }

    @Test
    void theApplicationsOwnTransactionManagerIsKept() {
        runner().withUserConfiguration(ScannedShop.class)
                .withBean("myTransactionManager", PlatformTransactionManager.class,
                        () -> new org.springframework.transaction.support.AbstractPlatformTransactionManager() {
                            @Override
                            protected Object doGetTransaction() {
                                return new Object();
                            }

                            @Override
                            protected void doBegin(Object transaction,
                                    org.springframework.transaction.TransactionDefinition definition) {
                            }

                            @Override
                            protected void doCommit(org.springframework.transaction.support.DefaultTransactionStatus s) {
                            }

                            @Override
                            protected void doRollback(
                                    org.springframework.transaction.support.DefaultTransactionStatus s) {
                            }
                        })
                .run(context -> assertThat(context).getBean(PlatformTransactionManager.class)
                        .isNotInstanceOf(LithairTransactionManager.class));
    }

    /** Application code with a transactional method. */
    public static class Restock {

        private final ProductRepository products;

        public Restock(ProductRepository products) {
            this.products = products;
        }

        @org.springframework.transaction.annotation.Transactional
        public void addThenFail(Product product) {
            products.save(product);
            throw new IllegalStateException("refused");
        }
    }

    @Test
    void withoutSpringBootsTransactionAutoConfigurationTransactionalMethodsStillWork() {
        runner().withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                "org.springframework.boot.transaction.autoconfigure"))
                .withUserConfiguration(ScannedShop.class)
                .withBean(Restock.class)
                .run(context -> {
                    Restock restock = context.getBean(Restock.class);
                    assertThat(org.springframework.aop.support.AopUtils.isAopProxy(restock)).isTrue();
                    assertThatThrownBy(() -> restock.addThenFail(Product.of("p9", "Lamp", "lighting", "1")))
                            .hasMessage("refused");
                    assertThat(context.getBean(ProductRepository.class).count()).isZero();
                });
    }

    @Test
    void withSpringBootsTransactionAutoConfigurationTransactionalMethodsRunOnLithairsManager() {
        runner().withConfiguration(AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class,
                TransactionAutoConfiguration.class))
                .withUserConfiguration(ScannedShop.class)
                .withBean(Restock.class)
                .run(context -> {
                    Restock restock = context.getBean(Restock.class);
                    assertThat(org.springframework.aop.support.AopUtils.isAopProxy(restock)).isTrue();
                    assertThat(context.getBean(TransactionTemplate.class).getTransactionManager())
                            .isInstanceOf(LithairTransactionManager.class);

                    assertThatThrownBy(() -> restock.addThenFail(Product.of("p9", "Lamp", "lighting", "1")))
                            .hasMessage("refused");

                    assertThat(context.getBean(ProductRepository.class).count()).isZero();
                });
    }

    @Test
    void springBootsTransactionPropertiesAndExecutionListenersApplyToLithairsManager() {
        List<String> heard = new CopyOnWriteArrayList<>();
        TransactionExecutionListener listener = new TransactionExecutionListener() {
            @Override
            public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
                heard.add("begin");
            }

            @Override
            public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
                heard.add(commitFailure == null ? "commit" : "failed commit");
            }
        };
        runner().withConfiguration(AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class,
                TransactionAutoConfiguration.class))
                .withUserConfiguration(ScannedShop.class)
                .withPropertyValues("spring.transaction.default-timeout=7")
                .withBean(TransactionExecutionListener.class, () -> listener)
                .run(context -> {
                    LithairTransactionManager manager = context.getBean(LithairTransactionManager.class);
                    ProductRepository products = context.getBean(ProductRepository.class);

                    new TransactionTemplate(manager).executeWithoutResult(
                            status -> products.save(Product.of("p1", "Lamp", "lighting", "10")));

                    assertThat(manager.getDefaultTimeout()).isEqualTo(7);
                    assertThat(heard).containsExactly("begin", "commit");
                    assertThat(products.findById("p1")).isPresent();
                });
    }

    @Test
    void aRestartedContextOnTheSameDataFindsTheStateAndTheHistoryIntact() {
        Instant[] firstChange = new Instant[1];
        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            ProductRepository products = context.getBean(ProductRepository.class);
            Product lamp = products.save(Product.of("p1", "Lamp", "lighting", "10"));
            lamp = products.save(lamp.withName("Desk lamp").withPrice("11"));
            products.save(lamp.withPrice("12"), "reprice-1");
            products.save(Product.of("p2", "Desk", "furniture", "90"));
            products.deleteById("p2");
            firstChange[0] = products.history("p1", "name").get(0).timestamp();
        });

        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            ProductRepository products = context.getBean(ProductRepository.class);
            Product lamp = products.findById("p1").orElseThrow();
            assertThat(lamp.name()).isEqualTo("Desk lamp");
            assertThat(lamp.price()).isEqualByComparingTo(new BigDecimal("12"));
            assertThat(lamp.version()).isEqualTo(2);
            assertThat(products.findById("p2")).isEmpty();
            assertThat(products.history("p1", "name")).extracting(FieldChange::newValue)
                    .containsExactly("Lamp", "Desk lamp");
            assertThat(products.history("p1", "price")).extracting(FieldChange::newValue)
                    .containsExactly(new BigDecimal("11"), new BigDecimal("12"));
            assertThatThrownBy(() -> products.findById("p1", firstChange[0]))
                    .isInstanceOf(IncompleteHistoryException.class).hasMessageContaining("category");

            Product again = products.save(lamp.withPrice("99"), "reprice-1");

            assertThat(again.price()).isEqualByComparingTo(new BigDecimal("12"));
            assertThat(products.findById("p1").orElseThrow().version()).isEqualTo(2);
        });
    }

    @Test
    void theSameIdempotencyKeyTwiceIsAppliedOnceAndReturnsTheStoredEntity() {
        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            ProductRepository products = context.getBean(ProductRepository.class);
            LithairStore store = context.getBean(LithairStore.class);
            Product first = products.save(Product.of("k1", "Lamp", "lighting", "10"), "order-7");
            long sequence = store.lastSequence();

            Product second = products.save(Product.of("k1", "Other", "lighting", "99"), "order-7");

            assertThat(second).isEqualTo(first);
            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(products.findAll()).containsExactly(first);
        });
    }

    @Test
    void aRetriedKeyedSaveWithoutAnIdReturnsTheEntityTheFirstCallCreated() {
        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            ProductRepository products = context.getBean(ProductRepository.class);
            LithairStore store = context.getBean(LithairStore.class);
            Product first = products.save(Product.of(null, "Lamp", "lighting", "10"), "create-lamp");
            long sequence = store.lastSequence();

            Product retried = products.save(Product.of(null, "Lamp", "lighting", "10"), "create-lamp");

            assertThat(first.id()).isNotNull();
            assertThat(retried).isEqualTo(first);
            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(products.findAll()).containsExactly(first);
        });
    }

    @Test
    void eachQueryMethodThatWillScanIsNamedOnceAtStartUpWithTheMissingIndexed(CapturedOutput output) {
        runner().withUserConfiguration(ScannedShop.class).run(context -> {
            assertThat(context).hasNotFailed();
            List<String> warnings = output.getOut().lines().filter(line -> line.contains("WARN"))
                    .filter(line -> line.contains("ProductRepository.")).toList();
            assertThat(warnings).anySatisfy(line -> assertThat(line)
                    .contains("ProductRepository.findByName(String) scans every Product")
                    .contains("Product.name has no @Indexed"));
            assertThat(warnings).anySatisfy(line -> assertThat(line)
                    .contains("ProductRepository.findByStockGreaterThan(int)")
                    .contains("Product.stock has no @Indexed(sorted = true)"));
            assertThat(warnings).anySatisfy(line -> assertThat(line)
                    .contains("ProductRepository.findByNameContaining(String)")
                    .contains("Product.name Containing cannot use an index"));
            assertThat(warnings).noneMatch(line -> line.contains("findByCategory(")
                    || line.contains("findByPriceBetween") || line.contains("findTop3ByOrderByPriceDesc")
                    || line.contains("countByCategory") || line.contains("findByOwner"));
            assertThat(warnings.stream().filter(line -> line.contains("findByName(String)"))).hasSize(1);
        });
    }
}
