/**
 * Configuration of the repositories: the enable annotation, its registrar, Spring Data's
 * configuration extension, and the auto-configuration that scans the application's packages.
 */
package dev.lithair.spring.repository.config;
