package dev.lithair.sample.product.catalog;

import dev.lithair.sample.product.web.NotFoundException;

/** No live product has the id asked for (never created, or deleted). */
public class ProductNotFoundException extends NotFoundException {

    public ProductNotFoundException(String productId) {
        super("Product", productId);
    }
}
