/**
 * Configuration of the repositories: the enable annotation, its registrar, and Spring Data's
 * configuration extension. The auto-configuration that scans the application's packages lives with
 * the other auto-configurations, in {@code dev.lithair.spring.boot.autoconfigure}.
 */
package dev.lithair.spring.repository.config;
