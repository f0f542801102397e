package dev.lithair.benchmarks.harness.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

import dev.lithair.benchmarks.harness.Product;

/**
 * The product as an event-sourced Axon aggregate: commands decide which events happen, the
 * {@link EventSourcingHandler}s are the only code that changes state, so loading the aggregate is
 * replaying its events (what {@code EventSourcingRepository} does for every command, and what the
 * harness's as-of read does with the events up to an instant).
 * {@code @AggregateRoot} is the annotation that Axon's Spring {@code @Aggregate} stereotype carries.
 */
@AggregateRoot
public class ProductAggregate {

    @AggregateIdentifier
    private String id;
    private String name;
    private String category;
    private BigDecimal price;
    private int stock;
    /** The instant of the creation event. */
    private Instant createdAt;

    /** For Axon, which creates an empty instance before replaying the events. */
    protected ProductAggregate() {
    }

    @CommandHandler
    ProductAggregate(CreateProduct command) {
        apply(new ProductCreated(command.id(), command.name(), command.category(), command.price(), command.stock()));
    }

    @CommandHandler
    void handle(UpdateProduct command) {
        // price compared by value: 10.0 and 10.00 are the same price, as for Lithair's history
        if (price.compareTo(command.price()) != 0) {
            apply(new ProductPriceChanged(id, command.price()));
        }
        if (!name.equals(command.name()) || !category.equals(command.category()) || stock != command.stock()) {
            apply(new ProductDetailsChanged(id, command.name(), command.category(), command.stock()));
        }
    }

    @EventSourcingHandler
    void on(ProductCreated event, @Timestamp Instant at) {
        id = event.id();
        name = event.name();
        category = event.category();
        price = event.price();
        stock = event.stock();
        createdAt = at;
    }

    @EventSourcingHandler
    void on(ProductPriceChanged event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductDetailsChanged event) {
        name = event.name();
        category = event.category();
        stock = event.stock();
    }

    Product toProduct() {
        return new Product(id, name, category, price, stock);
    }
}
