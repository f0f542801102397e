package dev.lithair.spring.repository.shop;

/** A fragment of the product repository that writes to the store itself, past the repository's own methods. */
public interface ShelfPricing {

    /** Stores the product as given, with the store's own commit. */
    void putOnShelf(Product product);
}
