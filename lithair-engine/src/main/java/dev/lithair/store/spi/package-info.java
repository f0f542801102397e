/**
 * The commit path SPI, owned by its consumer, the store: how a store makes commits durable
 * ({@link dev.lithair.store.spi.CommitPath}), the state it hands to a replicated log
 * ({@link dev.lithair.store.spi.StoreReplica}), and the value types both sides exchange. The store implements it
 * with its local log; {@code dev.lithair.replication.raft} with SOFAJRaft. This package depends on no store class.
 */
package dev.lithair.store.spi;
