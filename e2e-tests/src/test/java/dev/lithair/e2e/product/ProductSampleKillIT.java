package dev.lithair.e2e.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.lithair.e2e.docker.ContainerFaults;
import dev.lithair.e2e.docker.DataVolume;
import dev.lithair.e2e.docker.RequiresDocker;
import dev.lithair.e2e.docker.SampleImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The product sample, packaged as users run it, in a container: clients create and re-price products while
 * the container is killed (SIGKILL, no shutdown), then a new container starts on the same data volume.
 * Every write the server acknowledged must be there, once, with its history; the writes in flight at the
 * kill may be there or not, but nothing else.
 */
@RequiresDocker
class ProductSampleKillIT {

    private static final Logger log = LoggerFactory.getLogger(ProductSampleKillIT.class);
    private static final int HTTP_PORT = 8080;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final int WRITERS = 4;
    private static final int KILL_AFTER_ACKNOWLEDGED_WRITES = 60;

    private DataVolume data;
    private ImageFromDockerfile image;
    private final List<GenericContainer<?>> containers = new ArrayList<>();

    @BeforeEach
    void createDataVolume() {
        image = SampleImages.productSample();
        data = DataVolume.create();
    }

    @AfterEach
    void removeContainersThenVolume() {
        containers.forEach(GenericContainer::stop);
        data.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesADockerKillExactlyOnceWithItsHistory() throws Exception {
        // given: the sample on a fresh data volume, and concurrent clients writing through its API
        GenericContainer<?> first = start("product-1");
        ProductApi firstApi = api(first);
        AtomicInteger acknowledgedWrites = new AtomicInteger();
        List<CatalogueWriter> writers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            CatalogueWriter writer = new CatalogueWriter(firstApi, "w" + i, 1_000, acknowledgedWrites);
            writers.add(writer);
            running.add(threads.submit(writer));
        }

        // when: the container is killed while they write, and a new one starts on the same data
        awaitAtLeast(acknowledgedWrites, KILL_AFTER_ACKNOWLEDGED_WRITES);
        ContainerFaults.kill(first);
        for (Future<?> writer : running) {
            writer.get(1, TimeUnit.MINUTES);
        }
        threads.shutdown();
        assertThat(ContainerFaults.exitCode(first)).as("killed, not stopped").isEqualTo(137L);
        GenericContainer<?> second = start("product-2");
        ProductApi secondApi = api(second);

        // then: each acknowledged product is there once, with every acknowledged price in order
        Map<String, CatalogueWriter.AcknowledgedProduct> acknowledged = new HashMap<>();
        Map<String, CatalogueWriter.UnansweredWrite> unanswered = new HashMap<>();
        for (CatalogueWriter writer : writers) {
            assertThat(writer.refusals()).as("valid requests refused").isEmpty();
            acknowledged.putAll(writer.acknowledged());
            if (writer.unanswered() != null) {
                unanswered.put(writer.unanswered().name(), writer.unanswered());
            }
        }
        log.info("{} acknowledged writes on {} products, {} unanswered at the kill: {}",
                acknowledgedWrites.get(), acknowledged.size(), unanswered.size(), unanswered.values());
        assertThat(acknowledgedWrites.get()).isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED_WRITES);

        List<Product> stored = secondApi.all();
        Map<String, Long> copiesByName = stored.stream()
                .collect(Collectors.groupingBy(Product::name, Collectors.counting()));
        assertThat(copiesByName).as("products stored more than once")
                .allSatisfy((name, copies) -> assertThat(copies).isEqualTo(1L));
        assertThat(copiesByName.keySet()).as("acknowledged products").containsAll(acknowledged.keySet());
        assertThat(copiesByName.keySet()).as("only products a client sent")
                .allSatisfy(name -> assertThat(acknowledged.containsKey(name) || unanswered.containsKey(name)).isTrue());

        for (Map.Entry<String, CatalogueWriter.AcknowledgedProduct> entry : acknowledged.entrySet()) {
            CatalogueWriter.AcknowledgedProduct product = entry.getValue();
            List<BigDecimal> history = secondApi.priceHistory(product.id());
            CatalogueWriter.UnansweredWrite inFlight = unanswered.get(entry.getKey());
            if (inFlight != null && !inFlight.create() && history.size() == product.prices().size() + 1) {
                assertThat(history.get(history.size() - 1)).as("the in-flight re-price of %s", entry.getKey())
                        .isEqualByComparingTo(inFlight.price());
                history = history.subList(0, history.size() - 1);
            }
            assertThat(history).as("price history of %s", entry.getKey())
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(product.prices());
            BigDecimal lastAcknowledged = product.prices().get(product.prices().size() - 1);
            assertThat(secondApi.find(product.id())).get().extracting(Product::price)
                    .satisfies(price -> assertThat(inFlight == null || inFlight.create()
                            ? price.compareTo(lastAcknowledged) == 0
                            : price.compareTo(lastAcknowledged) == 0 || price.compareTo(inFlight.price()) == 0)
                            .as("current price %s of %s", price, entry.getKey()).isTrue());
        }

        // and: a create retried after the restart with its idempotency key is not applied twice
        String firstName = "w0-0";
        Product retried = secondApi.create(firstName, firstName, "e2e", new BigDecimal("1.00"));
        assertThat(retried.id()).isEqualTo(acknowledged.get(firstName).id());
        assertThat(secondApi.all()).hasSameSizeAs(stored);
    }

    private GenericContainer<?> start(String name) {
        GenericContainer<?> container = new GenericContainer<>(image)
                .withImagePullPolicy(anyImage -> false)
                .withEnv("SAMPLE_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .withEnv("JAVA_TOOL_OPTIONS", SampleImages.FAST_START_JVM_OPTIONS)
                .withExposedPorts(HTTP_PORT)
                .withLogConsumer(new Slf4jLogConsumer(log).withPrefix(name))
                .waitingFor(Wait.forHttp("/actuator/health").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        data.mountInto(container, "/app/data");
        containers.add(container);
        container.start();
        return container;
    }

    private static ProductApi api(GenericContainer<?> container) throws Exception {
        int port = container.getMappedPort(HTTP_PORT);
        return ProductApi.loggedIn(() -> port, ADMIN, ADMIN_PASSWORD, Duration.ofSeconds(10));
    }

    /** Waits for a counter the writers raise; bounded, so a stalled server fails the test instead of hanging it. */
    private static void awaitAtLeast(AtomicInteger counter, int target) {
        await().alias(target + " acknowledged writes within 2 minutes").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10)).until(counter::get, count -> count >= target);
    }
}
