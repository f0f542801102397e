package dev.lithair.sample.product.erasure;

/**
 * What erasing a customer did. Their orders stay for the books under {@code pseudonym}, without their status
 * history (it named the customer as the actor of the order's creation): an order's history starts again at
 * the erasure, with the admin as its actor.
 *
 * @param username            the name erased; after the next compaction, nowhere in the data directory
 * @param sessionsErased      login sessions (bearer tokens) erased, expired ones included
 * @param ordersPseudonymised orders now under {@code pseudonym}
 * @param pseudonym           the name the customer's orders now carry, and their spending in the analytics;
 *                            linked to the customer by nothing the store keeps
 */
public record ErasedCustomer(String username, int sessionsErased, int ordersPseudonymised, String pseudonym) {
}
