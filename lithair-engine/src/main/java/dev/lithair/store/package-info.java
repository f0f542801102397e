/**
 * The store: the facade {@link dev.lithair.store.LithairStore}, its options and observers. The writer, the
 * in-memory state, commit planning, log replay and snapshotting live here too, package-private, because they
 * work on the facade's own types.
 */
package dev.lithair.store;
