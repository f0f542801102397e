package dev.lithair.benchmarks.harness.http;

import java.util.List;

/**
 * What the shop's controller asks of the store behind it: one implementation on Lithair's
 * repositories, one on Spring Data JPA, each as an application of that kind would write it.
 */
public interface ItemService {

    /** Stores a new item, durably as the system is configured, with an id of the store's choosing. */
    ItemView create(ItemForm form);

    /** The item, or {@code null}. */
    ItemView find(String id);

    /**
     * Changes name and price of a stored item: read, then written back with the version read, so a
     * concurrent change in between fails with an optimistic-locking exception.
     *
     * @return the item as changed, or {@code null} when there is no such item
     */
    ItemView update(String id, ItemForm form);

    /** Stores items with the given ids, in batches, before the load starts. */
    void preload(List<String> ids);
}
