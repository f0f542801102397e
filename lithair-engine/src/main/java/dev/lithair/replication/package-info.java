/**
 * The commit path SPI: a store commits through its local log ({@code dev.lithair.store}, the default)
 * or through a replicated log ({@link dev.lithair.replication.raft}, SOFAJRaft). Nothing outside
 * {@code dev.lithair.replication.raft} imports SOFAJRaft, which is an optional dependency of the engine.
 */
package dev.lithair.replication;
