package dev.lithair.sample.product.user;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
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
 * With shops ({@code tenants} profile) there is no store at start: each shop gets its own first admin on its
 * first use instead ({@code shop.ShopFirstAdmins}).
 */
@Component
@Profile("!tenants")
class FirstAdmin implements SmartLifecycle {

    /** The file a generated password goes to when {@code sample.admin.password-file} is not set. */
    static final String DEFAULT_PASSWORD_FILE = "first-admin-password";

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final FirstAdminAccount accounts;
    private final AdminAccountProperties properties;
    private final LithairProperties lithair;
    private volatile boolean running;

    FirstAdmin(FirstAdminAccount accounts, AdminAccountProperties properties, LithairProperties lithair) {
        this.accounts = accounts;
        this.properties = properties;
        this.lithair = lithair;
    }

    @Override
    public void start() {
        running = true;
        if (!accounts.exists()) {
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
            accounts.create(properties.username(), configured);
            log.info("Created the first admin '{}' with the password from sample.admin.password", properties.username());
            return;
        }
        Path file = passwordFile();
        accounts.createWithGeneratedPassword(properties.username(), file);
        log.warn("Created the first admin '{}' with a generated password, written to {} (readable by its owner "
                + "only): read it there, then delete the file. Set sample.admin.password before the first start to "
                + "choose the password instead.", properties.username(), file.toAbsolutePath().normalize());
    }

    private Path passwordFile() {
        return properties.passwordFile() != null ? properties.passwordFile()
                : lithair.getDataDir().resolve(DEFAULT_PASSWORD_FILE);
    }
}
