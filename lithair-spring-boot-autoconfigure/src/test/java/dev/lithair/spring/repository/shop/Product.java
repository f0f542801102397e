package dev.lithair.spring.repository.shop;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;

/** A product of the shop: a record, as the design's entities may be. */
public record Product(
        @Id String id,
        @Historize(HistoryPolicy.FULL) String name,
        @Indexed String category,
        @Indexed(sorted = true) @Historize(versions = 2) BigDecimal price,
        @Unique String sku,
        @Immutable LocalDate launchedOn,
        @Indexed String owner,
        int stock,
        boolean active,
        List<String> tags,
        @Version Long version,
        @CreatedDate Instant createdAt,
        @CreatedBy String createdBy,
        @LastModifiedDate Instant updatedAt,
        @LastModifiedBy String updatedBy) {

    public static Product of(String id, String name, String category, String price) {
        return new Product(id, name, category, new BigDecimal(price), "SKU-" + id, LocalDate.of(2026, 1, 1), "ann", 10,
                true, List.of(), null, null, null, null, null);
    }

    public Product withName(String newName) {
        return new Product(id, newName, category, price, sku, launchedOn, owner, stock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withPrice(String newPrice) {
        return new Product(id, name, category, new BigDecimal(newPrice), sku, launchedOn, owner, stock, active, tags,
                version, createdAt, createdBy, updatedAt, updatedBy);
    }

    public Product withCategory(String newCategory) {
        return new Product(id, name, newCategory, price, sku, launchedOn, owner, stock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withSku(String newSku) {
        return new Product(id, name, category, price, newSku, launchedOn, owner, stock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withLaunchedOn(LocalDate date) {
        return new Product(id, name, category, price, sku, date, owner, stock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withOwner(String newOwner) {
        return new Product(id, name, category, price, sku, launchedOn, newOwner, stock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withStock(int newStock) {
        return new Product(id, name, category, price, sku, launchedOn, owner, newStock, active, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withActive(boolean isActive) {
        return new Product(id, name, category, price, sku, launchedOn, owner, stock, isActive, tags, version, createdAt,
                createdBy, updatedAt, updatedBy);
    }

    public Product withTags(String... newTags) {
        return new Product(id, name, category, price, sku, launchedOn, owner, stock, active, List.of(newTags), version,
                createdAt, createdBy, updatedAt, updatedBy);
    }

    public Product withVersion(Long newVersion) {
        return new Product(id, name, category, price, sku, launchedOn, owner, stock, active, tags, newVersion, createdAt,
                createdBy, updatedAt, updatedBy);
    }
}
