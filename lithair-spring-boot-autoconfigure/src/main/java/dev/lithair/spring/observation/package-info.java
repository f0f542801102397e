/**
 * Micrometer observations of Lithair: {@code lithair.commit}, one per commit, and {@code lithair.repository},
 * one per repository call ({@link dev.lithair.spring.observation.LithairObservation} documents their names
 * and keys). Each has a default {@code ObservationConvention} that an application replaces by declaring a
 * bean of {@link dev.lithair.spring.observation.CommitObservationConvention} or
 * {@link dev.lithair.spring.observation.RepositoryObservationConvention}, as with Spring Data's own.
 */
package dev.lithair.spring.observation;
