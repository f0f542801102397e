package dev.lithair.sample.product.user;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;

/**
 * A user of the shop, stored in Lithair. Only the password's hash is stored (Spring Security's
 * {@code PasswordEncoder}); role changes are kept for audit.
 *
 * @param username     the login, also the id
 * @param passwordHash as produced by the application's {@code PasswordEncoder}, with its {@code {id}} prefix;
 *                     write-only in JSON, so that no API shows it (Lithair's admin export included), while the
 *                     store keeps it
 * @param role         indexed: the admins are found without a scan
 */
public record UserAccount(
        @Id String username,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String passwordHash,
        @Indexed @Historize(HistoryPolicy.FULL) Role role,
        @Immutable @CreatedDate Instant createdAt,
        @Version Long version) {

    public static UserAccount newUser(String username, String passwordHash, Role role) {
        return new UserAccount(username, passwordHash, role, null, null);
    }
}
