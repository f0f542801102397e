package dev.lithair.sample.product.auth;

import jakarta.validation.constraints.NotBlank;

/** A username and password to exchange for a bearer token. */
public record LoginRequest(@NotBlank String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
