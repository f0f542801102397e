/** The declaration of an aggregate per key ({@link dev.lithair.projection.Projection}) and its read API ({@link dev.lithair.projection.Projections}). */
package dev.lithair.projection;
