/**
 * Backups and restores of a single node's data directory. A backup is a folder with the layout of a data
 * directory (meta, snapshots, log segments) plus a manifest, {@code backup.json}, written last: a folder
 * without it is incomplete. {@code LithairStore.backup(Path)} takes one while the store runs; {@link
 * dev.lithair.backup.Backups} lists them, copies a data directory without the store's help and restores a
 * backup, whole or up to a sequence or an instant, into a new data directory. See {@code docs/backup.md}.
 */
package dev.lithair.backup;
