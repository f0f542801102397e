/** Entity types: how a class or a schemaless document is described, copied and turned into event payloads. */
package dev.lithair.model;
