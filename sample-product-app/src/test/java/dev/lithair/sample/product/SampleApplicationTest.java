package dev.lithair.sample.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running application the HTTP tests share: one context (started once, on a random port, over a fresh
 * data directory under {@code target/}) for every test class extending this one. Tests keep out of each
 * other's way by their own data (unique categories and usernames) and compare counts before and after,
 * never against absolute numbers. Per-username limits keep their defaults, so tests that fail logins do so
 * with usernames of their own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "sample.admin.password=" + SampleUsers.ADMIN_PASSWORD, "lithair.storage.fsync=never",
        // Every test calls from 127.0.0.1: the per-address budgets would be the whole suite's.
        "sample.auth.limits.login-failures-per-address=10000", "sample.auth.limits.registrations-per-address=10000" })
abstract class SampleApplicationTest {

    private static final Path DATA_DIR = freshDataDirectory();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", DATA_DIR::toString);
    }

    static Path dataDir() {
        return DATA_DIR;
    }

    private static Path freshDataDirectory() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent.toAbsolutePath(), "shared-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
