package dev.lithair.sample.product.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.lithair.spring.boot.autoconfigure.LithairProperties;
import dev.lithair.spring.boot.autoconfigure.LithairStoreLifecycle;

/**
 * Creates the first admin when the store has none, before the web server accepts requests. There is
 * no default password: the configured one ({@code sample.admin.password}) is used, or a random one is
 * generated and written to a file only its owner can read ({@code sample.admin.password-file}); the log
 * says where, never what. Only the password's hash is stored.
 *
 * <p>It runs when the context starts, in the phase right after the one the store opens in: creating the
 * context reads nothing, so a Class Data Sharing training run neither needs the store nor writes a password.
 */
@Component
class FirstAdmin implements SmartLifecycle {

    /** The file a generated password goes to when {@code sample.admin.password-file} is not set. */
    static final String DEFAULT_PASSWORD_FILE = "first-admin-password";

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AdminAccountProperties properties;
    private final LithairProperties lithair;
    private volatile boolean running;

    FirstAdmin(UserAccountRepository users, PasswordEncoder passwordEncoder, AdminAccountProperties properties,
            LithairProperties lithair) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.lithair = lithair;
    }

    @Override
    public void start() {
        running = true;
        if (!users.existsByRole(Role.ADMIN)) {
            createFirstAdmin();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LithairStoreLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }

    private void createFirstAdmin() {
        String configured = properties.password();
        if (configured != null && !configured.isBlank()) {
            save(configured);
            log.info("Created the first admin '{}' with the password from sample.admin.password", properties.username());
            return;
        }
        String password = randomPassword();
        Path file = passwordFile();
        // The file first: an admin whose password nobody can read would lock everyone out of the admin role.
        try {
            OwnerOnlyFile.write(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first admin's generated password to " + file
                    + ": set sample.admin.password-file to a writable place, or sample.admin.password", e);
        }
        try {
            save(password);
        } catch (RuntimeException e) {
            deleteQuietly(file, e);
            throw e;
        }
        log.warn("Created the first admin '{}' with a generated password, written to {} (readable by its owner "
                + "only): read it there, then delete the file. Set sample.admin.password before the first start to "
                + "choose the password instead.", properties.username(), file.toAbsolutePath().normalize());
    }

    private void save(String password) {
        users.save(UserAccount.newUser(properties.username(), passwordEncoder.encode(password), Role.ADMIN),
                "first-admin");
    }

    private Path passwordFile() {
        return properties.passwordFile() != null ? properties.passwordFile()
                : lithair.getDataDir().resolve(DEFAULT_PASSWORD_FILE);
    }

    private static void deleteQuietly(Path file, RuntimeException cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
