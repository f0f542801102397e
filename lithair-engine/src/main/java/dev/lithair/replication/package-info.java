/**
 * A member's view of its cluster ({@link dev.lithair.replication.Cluster}, {@link dev.lithair.replication.ClusterStatus}),
 * for the admin routes, health and metrics. Nothing outside {@code dev.lithair.replication.raft} imports SOFAJRaft,
 * which is an optional dependency of the engine.
 */
package dev.lithair.replication;
