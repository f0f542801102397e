package dev.lithair.sample.product.shop;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.sample.product.user.FirstAdminAccount;
import dev.lithair.spring.tenancy.Tenants;

/**
 * Gives each shop its own first admin on the shop's first use: a shop's store does not exist before a request
 * names it, so there is nothing to create at start. The password is generated for each shop and written to
 * {@code {data-dir}/tenants/{shop}-first-admin-password}, readable by its owner only; the log says where,
 * never what. {@code sample.admin.password} is not used here: one password for every shop would let one
 * shop's owner into the others'.
 *
 * <p>One check per shop and process: concurrent first requests for a shop wait for the one that creates its
 * admin, so only one password is generated and written. Thread-safe.
 */
final class ShopFirstAdmins {

    private static final Logger log = LoggerFactory.getLogger(ShopFirstAdmins.class);

    private final FirstAdminAccount accounts;
    private final String username;
    private final Path tenantsDirectory;
    private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

    ShopFirstAdmins(FirstAdminAccount accounts, String username, Path tenantsDirectory) {
        this.accounts = accounts;
        this.username = username;
        this.tenantsDirectory = tenantsDirectory;
    }

    /** Creates the admin of {@code shop}, a hosted shop, unless it has one. */
    void ensure(String shop) {
        checked.computeIfAbsent(shop, unchecked -> {
            Tenants.runAs(shop, () -> {
                if (!accounts.exists()) {
                    Path file = passwordFile(shop);
                    accounts.createWithGeneratedPassword(username, file);
                    log.warn("Created the first admin '{}' of shop '{}' with a generated password, written to {} "
                            + "(readable by its owner only): read it there, then delete the file.", username, shop,
                            file.toAbsolutePath().normalize());
                }
            });
            return Boolean.TRUE;
        });
    }

    /** Where the generated password of {@code shop}'s first admin goes. */
    Path passwordFile(String shop) {
        return tenantsDirectory.resolve(shop + "-first-admin-password");
    }
}
