package dev.lithair.spring.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.spring.repository.shop.AccountRepository;
import dev.lithair.spring.repository.shop.ChangeLog;
import dev.lithair.spring.repository.shop.CurrentUser;
import dev.lithair.spring.repository.shop.ProductRepository;
import dev.lithair.spring.repository.shop.ShopApplication;
import dev.lithair.store.LithairStore;

/**
 * The shop application started once for every test class extending this one (one cached context, one
 * data directory); each test starts without products or accounts.
 */
@SpringBootTest(classes = ShopApplication.class)
abstract class ShopTest {

    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("lithair-shop-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shop's data directory. */
    static Path dataDir() {
        return DATA_DIR;
    }

    /**
     * Intact log records in the data directory, as the engine's scanner reads them after the newest
     * snapshot (a test may compact the log).
     */
    static dev.lithair.internal.log.LogScanner.Result log() {
        try (java.util.stream.Stream<Path> files = Files.list(DATA_DIR)) {
            long newestSnapshot = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("state-\\d+\\.raftsnap"))
                    .mapToLong(name -> Long.parseLong(name.replaceAll("\\D", ""))).max().orElse(0);
            return dev.lithair.internal.log.LogScanner.scan(DATA_DIR, newestSnapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shop.data-dir", DATA_DIR::toString);
    }

    @Autowired
    ProductRepository products;

    @Autowired
    AccountRepository accounts;

    @Autowired
    LithairStore store;

    @Autowired
    ChangeLog changes;

    @BeforeEach
    void startEmpty() {
        CurrentUser.clear();
        products.deleteAll();
        accounts.deleteAll();
        changes.clear();
    }

    @AfterEach
    void forgetUser() {
        CurrentUser.clear();
    }
}
