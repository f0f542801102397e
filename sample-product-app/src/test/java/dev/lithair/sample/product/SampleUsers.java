package dev.lithair.sample.product;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.user.Role;
import dev.lithair.sample.product.user.UserAccount;
import dev.lithair.sample.product.user.UserAccountRepository;

/** The users the tests act as; the admin is the application's first admin, from configuration. */
public final class SampleUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String EMPLOYEE = "erin";
    public static final String CUSTOMER = "carl";
    public static final String PASSWORD = "correct horse battery";

    private SampleUsers() {
    }

    /** Stores an employee and a customer, once. */
    public static void ensureStaffAndCustomer(UserAccountRepository users, PasswordEncoder encoder) {
        if (!users.existsByUsername(EMPLOYEE)) {
            users.save(UserAccount.newUser(EMPLOYEE, encoder.encode(PASSWORD), Role.EMPLOYEE));
        }
        if (!users.existsByUsername(CUSTOMER)) {
            users.save(UserAccount.newUser(CUSTOMER, encoder.encode(PASSWORD), Role.CUSTOMER));
        }
    }
}
