package dev.lithair.e2e.cluster;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lithair.e2e.linearizability.History;
import dev.lithair.e2e.product.Product;
import dev.lithair.e2e.product.ProductApi;

/**
 * One client of the cluster, bound to one node, one request at a time until stopped. It mixes three
 * operations:
 * <ul>
 * <li>reads of a register product's price (recorded in the {@link History});</li>
 * <li>re-pricing it with the version just read (recorded: acknowledged, definitely refused with 409, or
 * unknown on a timeout, a lost connection or a 5xx);</li>
 * <li>creating a new product with an idempotency key (remembered when acknowledged, to be found exactly once
 * on every node at the end).</li>
 * </ul>
 * Prices are unique per write, so each read names the write it saw.
 */
final class ClusterClient implements Runnable {

    private final int number;
    private final String process;
    private final ProductApi api;
    private final List<String> registerIds;
    private final History history;
    private final AtomicBoolean stop;
    private final AtomicInteger acknowledged;
    private final Random random;
    private final Map<String, String> acknowledgedCreates = new ConcurrentHashMap<>();
    private final Set<String> unansweredCreates = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private long writes;

    ClusterClient(int number, ProductApi api, List<String> registerIds, History history, AtomicBoolean stop,
            AtomicInteger acknowledged, long seed) {
        this.number = number;
        this.process = "c" + number;
        this.api = api;
        this.registerIds = registerIds;
        this.history = history;
        this.stop = stop;
        this.acknowledged = acknowledged;
        this.random = new Random(seed);
    }

    /** Normalised so that 12.50 and 12.5 are the same register value. */
    static String registerValue(BigDecimal price) {
        return price.stripTrailingZeros().toPlainString();
    }

    @Override
    public void run() {
        try {
            while (!stop.get()) {
                int dice = random.nextInt(10);
                boolean answered;
                if (dice == 0) {
                    answered = create();
                } else {
                    String id = registerIds.get(random.nextInt(registerIds.size()));
                    Optional<Product> read = read(id);
                    answered = read.isPresent();
                    if (dice >= 5 && read.isPresent()) {
                        answered = reprice(read.get());
                    }
                }
                if (!answered) {
                    // The node is down or cut off: do not spin on refused connections.
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Product> read(String id) throws InterruptedException {
        History.Pending pending = history.invokeRead(process, id);
        try {
            Optional<Product> product = api.find(id);
            pending.read(product.map(found -> registerValue(found.price())).orElse(null));
            return product;
        } catch (IOException | ProductApi.UnexpectedStatusException e) {
            pending.unknown();
            return Optional.empty();
        }
    }

    /** Returns whether the node answered (a 409 is an answer: another client's write came first). */
    private boolean reprice(Product current) throws InterruptedException {
        BigDecimal price = uniquePrice();
        History.Pending pending = history.invokeWrite(process, current.id(), registerValue(price));
        try {
            api.reprice(current, price);
            pending.written();
            acknowledged.incrementAndGet();
            return true;
        } catch (ProductApi.UnexpectedStatusException e) {
            if (unavailable(e)) {
                pending.unknown();
                return false;
            }
            if (e.status() != 409) {
                refusals.add(e.getMessage());
            }
            pending.failed();
            return true;
        } catch (IOException e) {
            pending.unknown();
            return false;
        }
    }

    private boolean create() throws InterruptedException {
        String name = process + "-created-" + writes++;
        try {
            Product created = api.create(name, name, "e2e-cluster", uniquePrice());
            acknowledgedCreates.put(name, created.id());
            acknowledged.incrementAndGet();
            return true;
        } catch (ProductApi.UnexpectedStatusException e) {
            if (!unavailable(e)) {
                refusals.add(e.getMessage());
                return true;
            }
            unansweredCreates.add(name);
            return false;
        } catch (IOException e) {
            unansweredCreates.add(name);
            return false;
        }
    }

    /**
     * The node could not serve the request: a 5xx, or a 401 although credentials were sent. The sample
     * authenticates against users stored in Lithair; a node that cannot confirm that read with the leader
     * (paused, cut off) fails the lookup, which Spring Security reports as 401. Counted, and treated as
     * unknown like a timeout; a 401 outside such windows would stop the clients' progress and fail the test.
     */
    private boolean unavailable(ProductApi.UnexpectedStatusException e) {
        boolean unavailable = e.status() >= 500 || e.status() == 401;
        if (unavailable) {
            unavailableAnswers.incrementAndGet();
        }
        return unavailable;
    }

    /** A price no other write uses: this client's number and its own counter. */
    private BigDecimal uniquePrice() {
        return BigDecimal.valueOf((number + 1) * 10_000_000L + writes++, 2);
    }

    Map<String, String> acknowledgedCreates() {
        return acknowledgedCreates;
    }

    Set<String> unansweredCreates() {
        return unansweredCreates;
    }

    List<String> refusals() {
        return refusals;
    }

    int unavailableAnswers() {
        return unavailableAnswers.get();
    }
}
