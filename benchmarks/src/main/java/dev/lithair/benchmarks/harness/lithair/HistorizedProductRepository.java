package dev.lithair.benchmarks.harness.lithair;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface HistorizedProductRepository extends LithairRepository<HistorizedProduct, String> {

    List<HistorizedProduct> findTop20ByCategory(String category);
}
