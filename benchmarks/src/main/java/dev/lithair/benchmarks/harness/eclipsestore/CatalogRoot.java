package dev.lithair.benchmarks.harness.eclipsestore;

import org.eclipse.serializer.collections.lazy.LazyHashMap;

/**
 * The root of the EclipseStore graph: products by id in a {@link LazyHashMap}, whose segments are
 * stored separately, so that adding one product stores one segment rather than the whole map.
 */
final class CatalogRoot {

    final LazyHashMap<String, StoredProduct> products = new LazyHashMap<>();
}
