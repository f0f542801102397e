package dev.lithair.sample.product.order;

/** A customer asked about another customer's order or spending. */
public class ForbiddenOrderException extends RuntimeException {

    public ForbiddenOrderException(String message) {
        super(message);
    }
}
