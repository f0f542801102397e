package dev.lithair.spring.repository.ledger;

import dev.lithair.spring.repository.LithairRepository;

public interface PriceTagRepository extends LithairRepository<PriceTag, String> {
}
