/** Internal: snapshot files, their chunked format, and what a capture and a restore exchange with the store. Not an API. */
package dev.lithair.internal.snapshot;
