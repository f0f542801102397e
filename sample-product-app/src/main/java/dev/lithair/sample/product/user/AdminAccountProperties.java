package dev.lithair.sample.product.user;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created at the first start (when no admin exists yet).
 *
 * @param username     the admin's login
 * @param password     the admin's password; when unset, a random one is generated and written to
 *                     {@code passwordFile}
 * @param passwordFile where a generated password is written, readable by its owner only; by default
 *                     {@code first-admin-password} in {@code lithair.data-dir}
 */
@ConfigurationProperties("sample.admin")
public record AdminAccountProperties(@DefaultValue("admin") String username, String password, Path passwordFile) {
}
