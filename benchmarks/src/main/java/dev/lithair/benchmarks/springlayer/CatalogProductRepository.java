package dev.lithair.benchmarks.springlayer;

import dev.lithair.spring.repository.LithairRepository;

/** The repository whose {@code save} and {@code findById} are measured against the engine's own calls. */
public interface CatalogProductRepository extends LithairRepository<CatalogProduct, String> {
}
