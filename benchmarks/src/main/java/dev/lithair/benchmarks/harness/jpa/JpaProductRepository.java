package dev.lithair.benchmarks.harness.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JpaProductRepository extends JpaRepository<JpaProduct, String> {

    List<JpaProduct> findTop20ByCategory(String category);
}
