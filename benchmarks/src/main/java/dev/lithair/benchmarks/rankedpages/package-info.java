/**
 * A minimal Spring Boot application for {@link dev.lithair.benchmarks.OrderedFirstPageBenchmark}: one
 * entity with a sorted index and its repository's ordered and scrolled queries.
 */
package dev.lithair.benchmarks.rankedpages;
