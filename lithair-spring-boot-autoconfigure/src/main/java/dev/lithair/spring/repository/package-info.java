/**
 * Lithair's Spring Data repositories, the public API: {@link dev.lithair.spring.repository.LithairRepository},
 * the {@link dev.lithair.spring.repository.EntityChangedEvent} published after each commit, and
 * {@link dev.lithair.spring.repository.IncompleteHistoryException}. Enable them with
 * {@link dev.lithair.spring.repository.config.EnableLithairRepositories}, or let Spring Boot find them in
 * the application's packages.
 */
package dev.lithair.spring.repository;
