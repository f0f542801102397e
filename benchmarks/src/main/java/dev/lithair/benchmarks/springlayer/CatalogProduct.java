package dev.lithair.benchmarks.springlayer;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Indexed;

/** A catalogue product, as an application declares it: Spring Data's {@code @Id}, one indexed field. */
public record CatalogProduct(@Id String id, String name, BigDecimal price, @Indexed String category) {
}
