package dev.lithair.benchmarks.harness.http.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JpaItemRepository extends JpaRepository<JpaItem, String> {
}
