package dev.lithair.benchmarks.harness.jpa;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;

/** The harness product with every change audited by Hibernate Envers, for the history workload. */
@Entity
@Audited
@Table(name = "audited_product", indexes = @Index(name = "audited_product_category", columnList = "category"))
public class AuditedJpaProduct {

    @Id
    @Column(length = 64)
    private String id;
    private String name;
    private String category;
    @Column(precision = 12, scale = 2)
    private BigDecimal price;
    private int stock;

    protected AuditedJpaProduct() {
    }

    public AuditedJpaProduct(String id, String name, String category, BigDecimal price, int stock) {
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
