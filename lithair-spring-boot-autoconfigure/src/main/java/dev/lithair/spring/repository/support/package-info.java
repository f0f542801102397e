/**
 * The repositories' implementation: the factory and factory bean, and {@code SimpleLithairRepository}
 * over the {@code LithairOperations} facade of {@link dev.lithair.spring.core}.
 */
package dev.lithair.spring.repository.support;
