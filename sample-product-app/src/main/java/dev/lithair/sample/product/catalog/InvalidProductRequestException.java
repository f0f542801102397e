package dev.lithair.sample.product.catalog;

/** A request about products that is well-formed but asks for something that cannot be done as sent. */
public class InvalidProductRequestException extends RuntimeException {

    public InvalidProductRequestException(String message) {
        super(message);
    }
}
