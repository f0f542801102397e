/** Derived query methods: method names parsed into queries the {@code LithairTemplate} runs. */
package dev.lithair.spring.repository.query;
