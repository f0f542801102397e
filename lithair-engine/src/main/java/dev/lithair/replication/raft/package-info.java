/**
 * The replicated commit path on SOFAJRaft: {@link dev.lithair.replication.raft.RaftCluster} implements
 * {@code dev.lithair.store.spi.CommitPath.Factory}; its options, mutual TLS and membership changes are public,
 * the state machine, transport and codecs package-private.
 */
package dev.lithair.replication.raft;
