package dev.lithair.benchmarks.harness.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.benchmarks.harness.http.jpa.JpaShopApplication;
import dev.lithair.benchmarks.harness.http.lithair.LithairShopApplication;

/**
 * Starts the shop the HTTP workload loads, on one system, with {@code items} items stored under the
 * ids {@code i0, i1, ...} before it answers: {@code lithair-always} (Lithair's defaults, every commit
 * forced) or {@code jpa-h2} (Spring Data JPA, Hibernate, Envers, H2 in file mode writing each commit
 * without forcing it, as the harness's other JPA measurements).
 */
public final class ShopServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ShopServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the shop on a free loopback port and stores the items. */
    public static ShopServer start(String system, Path dataDir, int items, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off", "logging.level.root=warn",
                "server.port=0", "server.address=127.0.0.1"));
        Class<?> application;
        switch (system) {
            case "lithair-always":
                application = LithairShopApplication.class;
                properties.addAll(List.of("lithair.data-dir=" + dataDir, "lithair.storage.fsync=always"));
                break;
            case "jpa-h2":
                application = JpaShopApplication.class;
                properties.addAll(List.of(
                        "spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("h2").toAbsolutePath() + "/db;WRITE_DELAY=0",
                        "spring.datasource.username=sa", "spring.datasource.password=",
                        "spring.datasource.hikari.maximum-pool-size=64", "spring.jpa.hibernate.ddl-auto=create",
                        "spring.jpa.open-in-view=false", "spring.jpa.properties.hibernate.jdbc.batch_size=1000"));
                break;
            default:
                throw new IllegalArgumentException("no shop for " + system + ": lithair-always or jpa-h2");
        }
        properties.addAll(List.of(extraProperties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run();
        List<String> ids = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            ids.add("i" + i);
        }
        context.getBean(ItemService.class).preload(ids);
        return new ShopServer(context);
    }

    /** A bean of the running application: its repository, or its store to take a snapshot. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The running application, for tests that look inside it. */
    ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
