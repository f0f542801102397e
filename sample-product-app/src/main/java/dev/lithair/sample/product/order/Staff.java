package dev.lithair.sample.product.order;

import org.springframework.security.core.Authentication;

/** Whether a caller works for the shop (employee or admin) rather than buys from it. */
final class Staff {

    private Staff() {
    }

    static boolean is(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(authority -> authority.getAuthority().equals("ROLE_EMPLOYEE")
                || authority.getAuthority().equals("ROLE_ADMIN"));
    }
}
