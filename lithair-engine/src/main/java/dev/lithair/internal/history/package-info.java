/** Internal: the retained history of each field and the lifetimes of each entity, kept in memory and in snapshots. Not an API. */
package dev.lithair.internal.history;
