/**
 * A minimal Spring Boot application for {@link dev.lithair.benchmarks.SpringLayerOverheadBenchmark}:
 * one entity and its {@link dev.lithair.spring.repository.LithairRepository}.
 */
package dev.lithair.benchmarks.springlayer;
