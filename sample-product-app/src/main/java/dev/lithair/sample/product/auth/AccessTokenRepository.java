package dev.lithair.sample.product.auth;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface AccessTokenRepository extends LithairRepository<AccessToken, String> {

    List<AccessToken> findByUsername(String username);
}
