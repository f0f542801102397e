package dev.lithair.benchmarks.harness.axon;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;

/**
 * Axon Framework 4.13, the event-sourcing peer: {@link ProductAggregate} event-sourced through
 * Axon's {@code EventSourcingRepository}, its events in Axon's JPA event store
 * ({@code JpaEventStorageEngine}, Hibernate, H2 in file mode: {@link EventStoreDatabase}),
 * serialized as JSON by Axon's {@code JacksonSerializer}, configured with Axon's
 * {@link DefaultConfigurer} in plain Java (Axon's Spring Boot starter targets Boot 3).
 *
 * <ul>
 *   <li>create and update: a command sent with {@code CommandGateway.sendAndWait}; it returns once the
 *       command's unit of work has committed the transaction that inserted its events (an update first
 *       loads the aggregate: a select of its events and their replay);</li>
 *   <li>loadAll: creation events published straight to the event store, one unit of work (one
 *       transaction, batched inserts) per {@value EventStoreDatabase#BATCH} products, as an import would;</li>
 *   <li>findById, findByCategory: queries on Axon's query bus, answered by {@link ProductProjection},
 *       the current state kept in memory by a subscribing event processor (Axon's write side cannot be
 *       queried by field);</li>
 *   <li>priceHistory: the aggregate's event stream ({@code EventStore.readEvents}), its price events;</li>
 *   <li>asOf: the aggregate rebuilt by its own event-sourcing handlers from its events up to the instant.</li>
 * </ul>
 */
public final class AxonSystem implements SystemUnderTest {

    private final EventStoreDatabase database;
    private final AggregateConfigurer<ProductAggregate> aggregate;
    private final AggregateModel<ProductAggregate> aggregateModel;
    private final Configuration axon;
    private final EventStore eventStore;

    public AxonSystem(Path dataDir) {
        // No Spring Boot application sets the log levels here: Hibernate and Axon would log at DEBUG.
        LoggingSystem.get(AxonSystem.class.getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        database = new EventStoreDatabase(dataDir);
        aggregate = AggregateConfigurer.defaultConfiguration(ProductAggregate.class);
        aggregateModel = AnnotatedAggregateMetaModelFactory.inspectAggregate(ProductAggregate.class);
        ProductProjection projection = new ProductProjection();
        Configurer configurer = DefaultConfigurer.jpaConfiguration(database.entityManagerProvider(), database.transactions())
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureAggregate(aggregate)
                .registerQueryHandler(c -> projection)
                // The projection is in memory: its queries need no database transaction.
                .configureQueryBus(AxonSystem::queryBusWithoutTransactions);
        configurer.eventProcessing().usingSubscribingEventProcessors().registerEventHandler(c -> projection);
        axon = configurer.start();
        eventStore = axon.eventStore();
    }

    private static QueryBus queryBusWithoutTransactions(Configuration c) {
        QueryBus queryBus = SimpleQueryBus.builder()
                .messageMonitor(c.messageMonitor(SimpleQueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.instance())
                .queryUpdateEmitter(c.getComponent(QueryUpdateEmitter.class))
                .spanFactory(c.getComponent(QueryBusSpanFactory.class))
                .build();
        queryBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
        return queryBus;
    }

    @Override
    public String name() {
        return "axon";
    }

    @Override
    public void create(Product p) {
        axon.commandGateway().sendAndWait(new CreateProduct(p.id(), p.name(), p.category(), p.price(), p.stock()));
    }

    @Override
    public void update(Product p) {
        axon.commandGateway().sendAndWait(new UpdateProduct(p.id(), p.name(), p.category(), p.price(), p.stock()));
    }

    @Override
    public void loadAll(List<Product> products) {
        String type = aggregateModel.type();
        for (int from = 0; from < products.size(); from += EventStoreDatabase.BATCH) {
            List<DomainEventMessage<ProductCreated>> events = new ArrayList<>(EventStoreDatabase.BATCH);
            for (Product p : products.subList(from, Math.min(products.size(), from + EventStoreDatabase.BATCH))) {
                events.add(new GenericDomainEventMessage<>(type, p.id(), 0L,
                        new ProductCreated(p.id(), p.name(), p.category(), p.price(), p.stock())));
            }
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(database.transactions());
            unitOfWork.execute(() -> eventStore.publish(events));
        }
    }

    @Override
    public Product findById(String id) {
        return axon.queryGateway().query(new FindProduct(id), ResponseTypes.instanceOf(Product.class)).join();
    }

    @Override
    public List<Product> findByCategory(String category, int limit) {
        return axon.queryGateway().query(new FindProductsByCategory(category, limit),
                ResponseTypes.multipleInstancesOf(Product.class)).join();
    }

    @Override
    public List<BigDecimal> priceHistory(String id) {
        List<BigDecimal> prices = new ArrayList<>();
        eventStore.readEvents(id).forEachRemaining(event -> {
            Object payload = event.getPayload();
            if (payload instanceof ProductCreated) {
                prices.add(((ProductCreated) payload).price());
            } else if (payload instanceof ProductPriceChanged) {
                prices.add(((ProductPriceChanged) payload).price());
            }
        });
        return prices;
    }

    @Override
    public Product asOf(String id, Instant instant) {
        DomainEventStream upToInstant = eventStore.readEvents(id).filter(event -> !event.getTimestamp().isAfter(instant));
        if (!upToInstant.hasNext()) {
            return null;
        }
        ProductAggregate root = aggregate.aggregateFactory().createAggregateRoot(id, upToInstant.peek());
        EventSourcedAggregate<ProductAggregate> replayed = EventSourcedAggregate.initialize(root, aggregateModel,
                eventStore, NoSnapshotTriggerDefinition.TRIGGER);
        replayed.initializeState(upToInstant);
        return replayed.invoke(ProductAggregate::toProduct);
    }

    @Override
    public void close() {
        axon.shutdown();
        database.close();
    }
}
