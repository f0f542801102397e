package dev.lithair.benchmarks.harness.axon;

import java.nio.file.Path;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitTransactionType;

/**
 * The H2 database of Axon's JPA event store: the same file-mode URL, {@code WRITE_DELAY=0}, Hikari
 * pool of 64 and JDBC batch size as the {@code jpa-h2} peer, so that their durability compares; a
 * plain Hibernate {@link EntityManagerFactory} mapping Axon's own event entities; and the
 * transactions Axon runs its units of work in (Spring's {@link JpaTransactionManager}, a library
 * here, no application context).
 */
final class EventStoreDatabase implements AutoCloseable {

    static final int BATCH = 1000;

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagers;
    private final TransactionManager transactions;
    private final EntityManagerProvider entityManagerProvider;

    EventStoreDatabase(Path dataDir) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("h2").toAbsolutePath() + "/db;WRITE_DELAY=0");
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(64);
        dataSource = new HikariDataSource(pool);
        entityManagers = new HibernatePersistenceConfiguration("axon-event-store")
                .managedClasses(DomainEventEntry.class, SnapshotEventEntry.class)
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .schemaToolingAction(Action.CREATE)
                .createEntityManagerFactory();
        transactions = new SpringTransactionManager(new JpaTransactionManager(entityManagers));
        // The shared EntityManager is the one of the current thread's transaction, as Axon expects.
        entityManagerProvider = new SimpleEntityManagerProvider(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagers));
    }

    TransactionManager transactions() {
        return transactions;
    }

    EntityManagerProvider entityManagerProvider() {
        return entityManagerProvider;
    }

    @Override
    public void close() {
        entityManagers.close();
        dataSource.close();
    }
}
