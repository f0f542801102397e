package dev.lithair.sample.product.auth;

/** Registration under a username that already has an account. */
public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(String username) {
        super("The username '" + username + "' is taken");
    }

    public UsernameTakenException(String username, Throwable cause) {
        super("The username '" + username + "' is taken", cause);
    }
}
