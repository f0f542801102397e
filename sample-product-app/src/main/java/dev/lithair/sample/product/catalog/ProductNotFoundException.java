package dev.lithair.sample.product.catalog;

/** No live product has the id asked for (never created, or deleted). */
public class ProductNotFoundException extends RuntimeException {

    private final String productId;

    public ProductNotFoundException(String productId) {
        super("No product with id '" + productId + "'");
        this.productId = productId;
    }

    public String productId() {
        return productId;
    }
}
