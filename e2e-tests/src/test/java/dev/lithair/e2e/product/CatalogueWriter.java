package dev.lithair.e2e.product;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client: creates products (each with an idempotency key) and re-prices each a few times, one request
 * at a time, and writes down what the server acknowledged. It stops at the first request without an
 * answer (the server was killed), remembering that request as the one whose outcome is unknown, or after
 * {@code maxProducts}. Its record is read after the thread has finished.
 */
final class CatalogueWriter implements Runnable {

    static final int REPRICES_PER_PRODUCT = 3;

    private final ProductApi api;
    private final String prefix;
    private final int maxProducts;
    private final AtomicInteger acknowledgedWrites;

    /** Product name to its id and every acknowledged price, in order (creation first). */
    private final Map<String, AcknowledgedProduct> acknowledged = new LinkedHashMap<>();
    private UnansweredWrite unanswered;
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    CatalogueWriter(ProductApi api, String prefix, int maxProducts, AtomicInteger acknowledgedWrites) {
        this.api = api;
        this.prefix = prefix;
        this.maxProducts = maxProducts;
        this.acknowledgedWrites = acknowledgedWrites;
    }

    record AcknowledgedProduct(String id, List<BigDecimal> prices) {
    }

    /** The request in flight when the server stopped answering: it may or may not have been applied. */
    record UnansweredWrite(String name, BigDecimal price, boolean create) {
    }

    @Override
    public void run() {
        for (int number = 0; number < maxProducts; number++) {
            String name = prefix + "-" + number;
            BigDecimal price = BigDecimal.valueOf(1000L * number + 100, 2);
            Product product;
            try {
                product = api.create(name, name, "e2e", price);
            } catch (IOException | ProductApi.UnexpectedStatusException e) {
                stop(new UnansweredWrite(name, price, true), e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<BigDecimal> prices = new CopyOnWriteArrayList<>(List.of(product.price()));
            acknowledged.put(name, new AcknowledgedProduct(product.id(), prices));
            acknowledgedWrites.incrementAndGet();
            for (int change = 1; change <= REPRICES_PER_PRODUCT; change++) {
                BigDecimal newPrice = price.add(BigDecimal.valueOf(change));
                try {
                    product = api.reprice(product, newPrice);
                } catch (IOException | ProductApi.UnexpectedStatusException e) {
                    stop(new UnansweredWrite(name, newPrice, false), e);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                prices.add(product.price());
                acknowledgedWrites.incrementAndGet();
            }
        }
    }

    /**
     * A 4xx answer is a refusal, not a crash: the sample rejected a valid request, which the test reports.
     * Anything else (connection refused or reset, timeout, 5xx) leaves the outcome unknown.
     */
    private void stop(UnansweredWrite write, Exception cause) {
        if (cause instanceof ProductApi.UnexpectedStatusException refused && refused.status() < 500) {
            refusals.add(cause.getMessage());
        }
        unanswered = write;
    }

    Map<String, AcknowledgedProduct> acknowledged() {
        return acknowledged;
    }

    UnansweredWrite unanswered() {
        return unanswered;
    }

    List<String> refusals() {
        return refusals;
    }
}
