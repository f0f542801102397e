/**
 * The exceptions of the engine, in one package that the index, the log and the store all throw from: the
 * rejections of a commit ({@link dev.lithair.exception.CommitRejectedException} and its kinds), an unavailable
 * store, a malformed replicated entry, a data directory in use, a corrupted log.
 */
package dev.lithair.exception;
