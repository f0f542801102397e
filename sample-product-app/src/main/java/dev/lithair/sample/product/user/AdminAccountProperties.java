package dev.lithair.sample.product.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created at the first start (when no admin exists yet).
 *
 * @param username the admin's login
 * @param password the admin's password; when unset, a random one is generated and logged once
 */
@ConfigurationProperties("sample.admin")
public record AdminAccountProperties(@DefaultValue("admin") String username, String password) {
}
