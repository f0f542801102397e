/** Derived query methods: method names parsed into queries the {@code LithairOperations} run. */
package dev.lithair.spring.repository.query;
