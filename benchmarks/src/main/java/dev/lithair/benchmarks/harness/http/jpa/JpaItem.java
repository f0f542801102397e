package dev.lithair.benchmarks.harness.http.jpa;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;

/**
 * The shop's item on JPA: name and price audited by Envers (every change kept, as Lithair keeps them),
 * category indexed, sku unique and not updatable, optimistic locking on {@code version}.
 */
@Entity
@Table(name = "shop_item", indexes = @Index(name = "shop_item_category", columnList = "category"))
public class JpaItem {

    @Id
    @Column(length = 64)
    private String id;
    @Audited
    private String name;
    private String category;
    @Audited
    @Column(precision = 12, scale = 2)
    private BigDecimal price;
    @Column(unique = true, updatable = false, length = 64)
    private String sku;
    @Version
    private Long version;

    protected JpaItem() {
    }

    public JpaItem(String id, String name, String category, BigDecimal price, String sku) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.price = price;
        this.sku = sku;
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

    public String getSku() {
        return sku;
    }

    public Long getVersion() {
        return version;
    }

    /** Changes what an update may change. */
    public void edit(String newName, BigDecimal newPrice) {
        this.name = newName;
        this.price = newPrice;
    }
}
