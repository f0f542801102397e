package dev.lithair.sample.iot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The sample's only account ({@code spring.security.user.*}: {@code admin}, role {@code LITHAIR_ADMIN}), as
 * Spring Boot would make it, except for a generated password: Spring Boot writes that to the log, where
 * anyone reading the logs finds it; here it goes to {@code iot.admin.password-file} (default
 * {@code admin-password} in the data directory), readable by its owner only, and the log says where.
 * A password set with {@code SPRING_SECURITY_USER_PASSWORD} is used as it is and written nowhere.
 */
@Configuration(proxyBeanMethods = false)
class AdminAccount {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    @Bean
    InMemoryUserDetailsManager users(SecurityProperties security,
            @Value("${iot.admin.password-file:${lithair.data-dir:./data}/admin-password}") Path passwordFile) {
        SecurityProperties.User user = security.getUser();
        if (user.isPasswordGenerated()) {
            try {
                OwnerOnlyFile.write(passwordFile, user.getPassword());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the generated password of '" + user.getName() + "' to "
                        + passwordFile + ": set iot.admin.password-file to a writable place, or "
                        + "SPRING_SECURITY_USER_PASSWORD", e);
            }
            log.warn("Generated the password of '{}' for this run, written to {} (readable by its owner only). "
                    + "Set SPRING_SECURITY_USER_PASSWORD to choose it instead.", user.getName(),
                    passwordFile.toAbsolutePath().normalize());
        }
        return new InMemoryUserDetailsManager(User.withUsername(user.getName())
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(user.getPassword()))
                .roles(user.getRoles().toArray(String[]::new)).build());
    }
}
