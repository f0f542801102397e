package dev.lithair.sample.product.erasure;

import dev.lithair.sample.product.user.Role;

/** An erasure asked for an employee's or an admin's account: only customers are erased this way. */
public class NotACustomerException extends RuntimeException {

    public NotACustomerException(String username, Role role) {
        super("'" + username + "' is an " + role + " account: only customer accounts are erased here. A staff "
                + "member's name is the actor of the shop's retained records (price changes, order statuses), "
                + "which an erasure of the account would not remove.");
    }
}
