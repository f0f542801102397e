/**
 * Internal: backups and restores of a single node's data directory, file by file. A backup folder has the
 * layout of a data directory (meta, snapshots, log segments) plus a manifest, {@code backup.json}, written
 * last; a restore builds a new data directory from one, cut after a chosen commit. The public side is
 * {@code dev.lithair.backup}; the online backup of a running store is driven by the store. Not an API.
 */
package dev.lithair.internal.backup;
