package dev.lithair.spring.repository.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.lithair.spring.repository.EntityChangedEvent;

/** Records the committed product changes the application is told of. */
@Component
public class ChangeLog {

    private final List<EntityChangedEvent<Product>> products = new CopyOnWriteArrayList<>();
    private final List<Object> all = new CopyOnWriteArrayList<>();

    @EventListener
    void onProduct(EntityChangedEvent<Product> change) {
        products.add(change);
    }

    @EventListener
    void onAny(EntityChangedEvent<?> change) {
        all.add(change);
    }

    public List<EntityChangedEvent<Product>> products() {
        return products;
    }

    public List<Object> all() {
        return all;
    }

    public void clear() {
        products.clear();
        all.clear();
    }
}
