package dev.lithair.benchmarks.harness.lithair;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface LithairProductRepository extends LithairRepository<LithairProduct, String> {

    List<LithairProduct> findTop20ByCategory(String category);
}
