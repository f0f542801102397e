/**
 * The Spring layer's core over a {@code LithairStore}: the {@code LithairTemplate} facade with its
 * query execution and entity handling, the unit of work ({@code StagedWrites}) a transaction binds to
 * its thread, the commit of that unit with its events, and the translation of the engine's exceptions
 * into Spring's {@code DataAccessException} family. Repositories, transactions and auto-configuration
 * build on it; it depends on none of them.
 */
package dev.lithair.spring.core;
