/**
 * What a store applies and how it hands it on: events ({@link dev.lithair.event.EventEnvelope}), the listeners
 * and validators that follow them, the storage formats and the value limits every record is held to.
 */
package dev.lithair.event;
