/**
 * The command-line tool of the engine jar: {@code verify} and {@code inspect} a data directory without writing to
 * it, {@code backup} it into a new folder and {@code restore} a backup into a new data directory.
 */
package dev.lithair.cli;
