package dev.lithair.benchmarks.harness.http.lithair;

import dev.lithair.spring.repository.LithairRepository;

public interface LithairItemRepository extends LithairRepository<LithairItem, String> {
}
