/**
 * The repositories' implementation: the factory and factory bean, {@code SimpleLithairRepository}
 * over the one {@code LithairTemplate} facade, the mapping metadata, queries over the store (index
 * or scan), Query by Example and exception translation.
 */
package dev.lithair.spring.repository.support;
