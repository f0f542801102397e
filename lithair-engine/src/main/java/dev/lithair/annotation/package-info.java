/** The annotations an entity class carries: history policies, indexes, unique and immutable fields, former names. */
package dev.lithair.annotation;
