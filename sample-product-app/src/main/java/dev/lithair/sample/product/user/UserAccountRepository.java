package dev.lithair.sample.product.user;

import dev.lithair.spring.repository.LithairRepository;

public interface UserAccountRepository extends LithairRepository<UserAccount, String> {

    /** From the hash index on {@code role}. */
    boolean existsByRole(Role role);

    long countByRole(Role role);
}
