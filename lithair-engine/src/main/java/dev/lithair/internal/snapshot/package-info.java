/** Internal: snapshot files and the body of a state snapshot (entities, remembered idempotency keys, sections). Not an API. */
package dev.lithair.internal.snapshot;
