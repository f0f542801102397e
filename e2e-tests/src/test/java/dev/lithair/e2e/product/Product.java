package dev.lithair.e2e.product;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A product as the sample's API returns it (the fields the tests look at). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Product(String id, String name, String category, BigDecimal price, Long version) {
}
