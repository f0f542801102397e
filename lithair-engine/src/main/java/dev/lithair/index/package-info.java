/** The declared indexes (hash, sorted, unique) and their read API, {@link dev.lithair.index.Indexes}; the index structures are package-private. */
package dev.lithair.index;
