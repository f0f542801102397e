/** Spring Data's mapping metadata of Lithair entity types: identity, version and auditing properties. */
package dev.lithair.spring.core.mapping;
