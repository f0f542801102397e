package dev.lithair.sample.product.user;

/** What a user may do: customers buy, employees also edit the catalogue, admins also run the shop. */
public enum Role {
    CUSTOMER, EMPLOYEE, ADMIN
}
