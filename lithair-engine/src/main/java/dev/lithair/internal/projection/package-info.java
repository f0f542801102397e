/** Internal: the upkeep of the declared projections as events are applied. Not an API. */
package dev.lithair.internal.projection;
