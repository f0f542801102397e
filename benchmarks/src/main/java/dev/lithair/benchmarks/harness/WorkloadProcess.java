package dev.lithair.benchmarks.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.benchmarks.CommandLines;
import dev.lithair.benchmarks.harness.http.ShopServer;
import dev.lithair.benchmarks.harness.http.lithair.LithairItemRepository;
import dev.lithair.benchmarks.harness.lithair.LithairProductRepository;
import dev.lithair.benchmarks.harness.lithair.LithairSystem;
import dev.lithair.store.LithairStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The child process the {@link HarnessRunner} starts for every measurement, so each starts from a
 * fresh JVM (heap, JIT, start-up time are part of what is measured) and a crash is one "n/a" cell.
 * Prints {@link Measurement} lines on standard output.
 *
 * <p>Usage: {@code WorkloadProcess <workload> <system> <dataDir> [key=value...]}, workloads:
 * {@code writes} (ops, capMillis, threads=1,16,64), {@code reads} (size, quick; also the heap the
 * products take), {@code history} (products, millis), {@code restart-prepare} (events, snapshot, entity:
 * {@code product} or the HTTP shop's {@code item}), {@code restart-target} (events, entity: prints
 * {@value #READY} once the application answers),
 * {@code http-server} (items, and any {@code spring.*}, {@code server.*} or {@code lithair.*} property: starts
 * the shop, prints {@value #LISTENING} and the port, serves until stdin closes).
 */
public final class WorkloadProcess {

    public static final String READY = "READY";
    public static final String LISTENING = "LISTENING";

    /** The command line the {@link HarnessRunner} gives its child. */
    @Command(name = "WorkloadProcess", mixinStandardHelpOptions = true,
            description = "Runs one workload on one system and prints its measurements.")
    static final class Arguments {
        @Parameters(index = "0", paramLabel = "WORKLOAD")
        String workload;

        @Parameters(index = "1", paramLabel = "SYSTEM")
        String system;

        @Parameters(index = "2", paramLabel = "DATA_DIR")
        Path dataDir;

        @Parameters(index = "3..*", paramLabel = "KEY=VALUE", description = "the workload's options")
        Map<String, String> options = new HashMap<>();
    }

    private WorkloadProcess() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = CommandLines.parse(new Arguments(), args);
        String workload = arguments.workload;
        String systemName = arguments.system;
        Path dataDir = arguments.dataDir;
        Map<String, String> options = arguments.options;
        switch (workload) {
            case "restart-prepare":
                if (options.getOrDefault("entity", "product").equals("item")) {
                    prepareShopRestart(dataDir, Integer.parseInt(options.get("events")),
                            Boolean.parseBoolean(options.get("snapshot")));
                } else {
                    prepareRestart(dataDir, Integer.parseInt(options.get("events")),
                            Boolean.parseBoolean(options.get("snapshot")));
                }
                break;
            case "restart-target":
                if (options.getOrDefault("entity", "product").equals("item")) {
                    restartShop(dataDir, Integer.parseInt(options.get("events")));
                } else {
                    restartTarget(dataDir, Integer.parseInt(options.get("events")));
                }
                break;
            case "http-server":
                serveHttp(systemName, dataDir, options);
                break;
            default:
                measure(workload, systemName, dataDir, options);
        }
        // Spring and database threads may linger: the measurement is printed, the process is done.
        System.exit(0);
    }

    private static void measure(String workload, String systemName, Path dataDir, Map<String, String> options)
            throws Exception {
        boolean historized = workload.equals("history");
        List<Measurement> results;
        try (SystemUnderTest system = SystemsUnderTest.open(systemName, dataDir, historized)) {
            switch (workload) {
                case "writes": {
                    List<Integer> threads = new ArrayList<>();
                    for (String count : options.getOrDefault("threads", "1,16,64").split(",")) {
                        threads.add(Integer.parseInt(count));
                    }
                    results = new DurableWritesWorkload(system, Integer.parseInt(options.get("ops")),
                            Duration.ofMillis(Long.parseLong(options.get("capMillis")))).run(threads);
                    break;
                }
                case "reads":
                    results = new ReadsWorkload(system, Integer.parseInt(options.get("size")),
                            Boolean.parseBoolean(options.get("quick")),
                            Boolean.parseBoolean(options.getOrDefault("prepared", "false"))).run();
                    break;
                case "history":
                    results = new HistoryWorkload(system, Integer.parseInt(options.get("products")),
                            Duration.ofMillis(Long.parseLong(options.get("millis")))).run();
                    break;
                default:
                    throw new IllegalArgumentException("unknown workload " + workload);
            }
        }
        for (Measurement measurement : results) {
            System.out.println(measurement.toLine());
        }
        System.out.flush();
    }

    /** Writes {@code events} product creations through the repositories, then a snapshot if asked. */
    private static void prepareRestart(Path dataDir, int events, boolean snapshot) {
        try (LithairSystem system = new LithairSystem(dataDir, "never", false)) {
            int batch = 10_000;
            for (int from = 0; from < events; from += batch) {
                List<Product> products = new ArrayList<>(batch);
                for (int i = from; i < Math.min(events, from + batch); i++) {
                    products.add(Product.created("p" + i, i));
                }
                system.loadAll(products);
            }
            if (snapshot) {
                system.store().snapshot().join();
            }
        }
    }

    /**
     * Stores {@code items} items through the HTTP shop's service (two fully historized fields, an index,
     * a unique sku, a version), then a snapshot if asked.
     */
    private static void prepareShopRestart(Path dataDir, int items, boolean snapshot) {
        try (ShopServer shop = ShopServer.start("lithair-always", dataDir, items, "lithair.storage.fsync=never",
                "lithair.snapshot.every-events=0")) {
            if (snapshot) {
                shop.bean(LithairStore.class).snapshot().join();
            }
        }
    }

    /** Starts the HTTP shop on a prepared directory and says when it answers. */
    private static void restartShop(Path dataDir, int items) {
        try (ShopServer shop = ShopServer.start("lithair-always", dataDir, 0, "lithair.snapshot.every-events=0")) {
            long count = shop.bean(LithairItemRepository.class).count();
            if (count != items) {
                throw new IllegalStateException("recovered " + count + " items, expected " + items);
            }
            System.out.println(READY + " " + count);
            System.out.flush();
        }
    }

    /** Starts the Lithair application on a prepared directory and says when it answers. */
    private static void restartTarget(Path dataDir, int events) {
        var context = LithairSystem.start(dataDir, "always");
        long count = context.getBean(LithairProductRepository.class).count();
        if (count != events) {
            throw new IllegalStateException("recovered " + count + " products, expected " + events);
        }
        System.out.println(READY + " " + count);
        System.out.flush();
        context.close();
    }

    private static void serveHttp(String systemName, Path dataDir, Map<String, String> options) throws Exception {
        List<String> properties = new ArrayList<>();
        options.forEach((key, value) -> {
            if (key.startsWith("spring.") || key.startsWith("server.") || key.startsWith("lithair.")) {
                properties.add(key + "=" + value);
            }
        });
        try (ShopServer server = ShopServer.start(systemName, dataDir, Integer.parseInt(options.get("items")),
                properties.toArray(String[]::new))) {
            System.out.println(LISTENING + " " + server.port());
            System.out.flush();
            // Serve until the runner closes our standard input.
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing to read: waiting for end of input
            }
        }
    }
}
