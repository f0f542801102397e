package dev.lithair.benchmarks.harness.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditedJpaProductRepository extends JpaRepository<AuditedJpaProduct, String> {

    List<AuditedJpaProduct> findTop20ByCategory(String category);
}
