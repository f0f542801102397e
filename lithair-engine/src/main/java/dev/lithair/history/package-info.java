/** The public side of field history: a retained change ({@link dev.lithair.history.FieldChange}) and an entity as it was at an instant ({@link dev.lithair.history.AsOf}). */
package dev.lithair.history;
