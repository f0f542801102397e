package dev.lithair.sample.product.web;

/** A request that is well-formed but asks for something that cannot be done as sent. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
