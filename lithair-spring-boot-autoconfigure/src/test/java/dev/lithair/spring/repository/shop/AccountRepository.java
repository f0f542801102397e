package dev.lithair.spring.repository.shop;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface AccountRepository extends LithairRepository<Account, String> {

    List<Account> findByTier(String tier);
}
