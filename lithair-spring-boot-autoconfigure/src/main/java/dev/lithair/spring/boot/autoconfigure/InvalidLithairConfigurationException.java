package dev.lithair.spring.boot.autoconfigure;

/**
 * Lithair cannot start with the application's configuration; the message says what is wrong and
 * {@link #action()} what to do, which Spring Boot prints as the failure's description and action.
 */
public class InvalidLithairConfigurationException extends RuntimeException {

    /** What to change to start. */
    private final String action;

    /**
     * Stops start-up with what is wrong and what to change.
     *
     * @param description what is wrong
     * @param action      what to change to start
     */
    public InvalidLithairConfigurationException(String description, String action) {
        this(description, action, null);
    }

    /**
     * Stops start-up with what is wrong, what to change and the failure behind it.
     *
     * @param description what is wrong
     * @param action      what to change to start
     * @param cause       the failure behind it
     */
    public InvalidLithairConfigurationException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** {@return what to change to start} */
    public String action() {
        return action;
    }
}
