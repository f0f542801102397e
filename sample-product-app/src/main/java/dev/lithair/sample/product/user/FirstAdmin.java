package dev.lithair.sample.product.user;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin when the store has none, before the web server accepts requests. There is
 * no default password: the configured one ({@code sample.admin.password}) is used, or a random one is
 * generated and logged this once; only its hash is stored.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AdminAccountProperties properties;

    FirstAdmin(UserAccountRepository users, PasswordEncoder passwordEncoder, AdminAccountProperties properties) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.existsByRole(Role.ADMIN)) {
            return;
        }
        String configured = properties.password();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        users.save(UserAccount.newUser(properties.username(), passwordEncoder.encode(password), Role.ADMIN),
                "first-admin");
        if (generated) {
            log.warn("Created the first admin '{}' with the generated password: {}  (shown only this once; "
                    + "set sample.admin.password before the first start to choose it)", properties.username(), password);
        } else {
            log.info("Created the first admin '{}' with the password from sample.admin.password", properties.username());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
