package dev.lithair.benchmarks.harness.jpa;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** The harness product as a JPA entity, category indexed; the id is assigned by the caller. */
@Entity
@Table(name = "product", indexes = @Index(name = "product_category", columnList = "category"))
public class JpaProduct {

    @Id
    @Column(length = 64)
    private String id;
    private String name;
    private String category;
    @Column(precision = 12, scale = 2)
    private BigDecimal price;
    private int stock;

    protected JpaProduct() {
    }

    public JpaProduct(String id, String name, String category, BigDecimal price, int stock) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.price = price;
        this.stock = stock;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCategory() {
        return category;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public int getStock() {
        return stock;
    }
}
