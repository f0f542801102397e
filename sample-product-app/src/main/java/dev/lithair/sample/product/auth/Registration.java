package dev.lithair.sample.product.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new customer account.
 *
 * @param username 3 to 40 lower-case letters, digits, dots, dashes or underscores
 * @param password 10 to 200 characters
 */
public record Registration(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,40}", message = "3 to 40 of a-z 0-9 . _ -") String username,
        @NotBlank @Size(min = 10, max = 200) String password) {

    @Override
    public String toString() {
        return "Registration[username=" + username + "]";
    }
}
