package dev.lithair.sample.product.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.lithair.sample.product.catalog.Product;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.dashboard.DashboardUpdate.ProductChange;
import dev.lithair.sample.product.order.OrderRepository;
import dev.lithair.sample.product.user.UserAccountRepository;
import dev.lithair.spring.repository.EntityChangedEvent;

/**
 * Turns the starter's {@link EntityChangedEvent}s into the dashboard's stream.
 *
 * <p>Lithair publishes each change on the committing thread, so listening must cost next to nothing:
 * it counts, and keeps the newest state of each changed product. A tick every
 * {@code sample.dashboard.tick} (500 ms) sends one {@link DashboardUpdate} to every subscriber, whatever
 * the write rate: a benchmark of 10,000 events/s costs subscribers two messages a second, not 10,000.
 * Thread-safe: listeners run on any committing thread, ticks on the scheduler, subscriptions on request
 * threads.
 *
 * <p>Off with shops ({@code tenants} profile): it adds up the changes of every store it hears of, so one
 * stream would show a shop's products to another shop's visitors.
 */
@Component
@Profile("!tenants")
public class ChangeFeed {

    static final int MAX_PRODUCT_CHANGES = 100;

    private final ProductRepository products;
    private final OrderRepository orders;
    private final UserAccountRepository users;
    private final DashboardProperties properties;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong eventsSeen = new AtomicLong();
    private final Map<String, ProductChange> changedProducts = new ConcurrentHashMap<>();
    private long eventsAtLastTick;
    private long lastTickNanos = System.nanoTime();

    public ChangeFeed(ProductRepository products, OrderRepository orders, UserAccountRepository users,
            DashboardProperties properties) {
        this.products = products;
        this.orders = orders;
        this.users = users;
        this.properties = properties;
    }

    @EventListener
    void committed(EntityChangedEvent<?> change) {
        eventsSeen.incrementAndGet();
        if (change.entity() instanceof Product product
                && (changedProducts.size() < MAX_PRODUCT_CHANGES || changedProducts.containsKey(product.id()))) {
            changedProducts.put(product.id(), new ProductChange(product.id(), change.kind().name(), product.name(),
                    product.category(), product.price(), change.timestamp(), change.sequence()));
        }
    }

    /**
     * A new subscriber, sent the current state at once; its stream ends after {@code sample.dashboard.stream-timeout}.
     *
     * @throws TooManySubscribersException when {@code sample.dashboard.max-subscribers} are subscribed
     */
    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> {
            subscribers.remove(emitter);
            emitter.complete();
        });
        emitter.onError(error -> subscribers.remove(emitter));
        synchronized (subscribers) {
            if (subscribers.size() >= properties.maxSubscribers()) {
                throw new TooManySubscribersException(subscribers.size(), properties.retryAfter());
            }
            subscribers.add(emitter);
        }
        send(emitter, current(0, List.of()));
        return emitter;
    }

    /** Streams open now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** The dashboard's numbers now, without product changes. */
    public synchronized DashboardUpdate current() {
        return current(ratePerSecond(false), List.of());
    }

    @Scheduled(fixedRateString = "${sample.dashboard.tick:500ms}")
    synchronized void tick() {
        long rate = ratePerSecond(true);
        List<ProductChange> changes = new ArrayList<>(changedProducts.values());
        changes.forEach(change -> changedProducts.remove(change.id(), change));
        changes.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        if (subscribers.isEmpty()) {
            return;
        }
        DashboardUpdate update = current(rate, changes);
        for (SseEmitter subscriber : subscribers) {
            send(subscriber, update);
        }
    }

    private long ratePerSecond(boolean advance) {
        long now = System.nanoTime();
        long events = eventsSeen.get();
        double seconds = Math.max(1e-3, (now - lastTickNanos) / 1e9);
        long rate = Math.round((events - eventsAtLastTick) / seconds);
        if (advance) {
            eventsAtLastTick = events;
            lastTickNanos = now;
        }
        return rate;
    }

    private DashboardUpdate current(long eventsPerSecond, List<ProductChange> changes) {
        return new DashboardUpdate(Instant.now(), products.count(), orders.count(), users.count(), eventsPerSecond,
                eventsSeen.get(), changes);
    }

    /**
     * Ends every stream when the application stops: an open stream is a request in progress, which the web
     * server's graceful shutdown would otherwise wait for, for its whole timeout.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        for (SseEmitter subscriber : subscribers) {
            subscriber.complete();
        }
        subscribers.clear();
    }

    private void send(SseEmitter subscriber, DashboardUpdate update) {
        try {
            subscriber.send(SseEmitter.event().name("update").data(update));
        } catch (IOException | IllegalStateException e) {
            // The browser went away: forget it (the emitter's callbacks may not run for a dead connection).
            subscribers.remove(subscriber);
        }
    }
}
