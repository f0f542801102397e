package dev.lithair.sample.product.dashboard;

import java.time.Duration;

/** The dashboard's stream serves as many subscribers as it is configured for; a new one should retry later. */
public class TooManySubscribersException extends RuntimeException {

    private final transient Duration retryAfter;

    public TooManySubscribersException(int subscribers, Duration retryAfter) {
        super("The dashboard's stream already has " + subscribers + " subscribers, as many as it serves; "
                + "try again in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** When trying again may succeed: streams end by themselves after the stream timeout. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
