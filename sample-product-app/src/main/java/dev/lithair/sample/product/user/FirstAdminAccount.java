package dev.lithair.sample.product.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Stores a first admin account, with a chosen password or a generated one written to a file only its owner
 * can read. Used by the single shop at start and by each shop of the {@code tenants} profile on its first use.
 *
 * <p>The save carries the idempotency key {@value #IDEMPOTENCY_KEY}, so a second attempt on the same store
 * (another cluster member, a race) changes nothing. Only the password's hash is stored.
 */
@Component
public class FirstAdminAccount {

    static final String IDEMPOTENCY_KEY = "first-admin";

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;

    FirstAdminAccount(UserAccountRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    /** Whether the store the calling code acts on has an admin already. */
    public boolean exists() {
        return users.existsByRole(Role.ADMIN);
    }

    /** Stores the admin {@code username} with {@code password}. */
    public void create(String username, String password) {
        users.save(UserAccount.newUser(username, passwordEncoder.encode(password), Role.ADMIN), IDEMPOTENCY_KEY);
    }

    /**
     * Stores the admin {@code username} with a random password, written to {@code file} first: an admin whose
     * password nobody can read would lock everyone out of the admin role. The file is deleted again when the
     * save fails.
     *
     * @throws UncheckedIOException when the file cannot be written; then no account is stored
     */
    public void createWithGeneratedPassword(String username, Path file) {
        String password = randomPassword();
        try {
            OwnerOnlyFile.write(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first admin's generated password to " + file
                    + ": set sample.admin.password-file to a writable place, or sample.admin.password", e);
        }
        try {
            create(username, password);
        } catch (RuntimeException e) {
            deleteQuietly(file, e);
            throw e;
        }
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
