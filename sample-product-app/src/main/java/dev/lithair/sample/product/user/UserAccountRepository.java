package dev.lithair.sample.product.user;

import java.util.Optional;

import dev.lithair.spring.repository.LithairRepository;

public interface UserAccountRepository extends LithairRepository<UserAccount, String> {

    /** From the unique index on {@code username}. */
    Optional<UserAccount> findByUsername(String username);

    boolean existsByUsername(String username);

    /** From the hash index on {@code role}. */
    boolean existsByRole(Role role);

    long countByRole(Role role);
}
