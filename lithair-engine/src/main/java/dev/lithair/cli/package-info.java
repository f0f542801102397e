/** The command-line tool of the engine jar: {@code verify} and {@code inspect} a data directory without writing to it. */
package dev.lithair.cli;
