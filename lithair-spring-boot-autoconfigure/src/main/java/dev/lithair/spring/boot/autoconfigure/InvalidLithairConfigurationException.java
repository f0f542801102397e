package dev.lithair.spring.boot.autoconfigure;

/**
 * Lithair cannot start with the application's configuration; the message says what is wrong and
 * {@link #action()} what to do, which Spring Boot prints as the failure's description and action.
 */
public class InvalidLithairConfigurationException extends RuntimeException {

    private final String action;

    public InvalidLithairConfigurationException(String description, String action) {
        this(description, action, null);
    }

    public InvalidLithairConfigurationException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What to change to start. */
    public String action() {
        return action;
    }
}
