/**
 * Spring transactions over a Lithair store: a transaction's writes are staged on its thread and
 * committed as one atomic commit, then published as application events.
 */
package dev.lithair.spring.transaction;
