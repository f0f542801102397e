package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.model.EntityCodec;
import dev.lithair.spring.observation.CommitObservationContext;
import dev.lithair.spring.observation.CommitObservationConvention;
import dev.lithair.spring.observation.DefaultCommitObservationConvention;
import dev.lithair.spring.observation.LithairObservation;
import dev.lithair.spring.repository.EntityChangedEvent;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commits {@link StagedWrites} to the store as one atomic {@link dev.lithair.store.spi.Commit},
 * translating a rejection into Spring's {@link DataAccessException} family, and publishes what was
 * committed as {@link EntityChangedEvent}s. Used by repositories outside a transaction and by the
 * transaction manager when a transaction commits. Thread-safe.
 *
 * <p>Each commit is a {@code lithair.commit} observation when the observation registry has handlers (a
 * tracer, a meter registry), started on the committing thread so that it is a child of the repository
 * call or of the transaction's caller. The registry is asked at each commit; without handlers the commit
 * is made as if there were none, allocating nothing for it.
 */
public class LithairCommitter {

    private final LithairStore store;
    private final PersistenceExceptionTranslator translator;
    private final ApplicationEventPublisher publisher;
    private final ObservationRegistry observations;
    private final CommitObservationConvention convention;

    /**
     * A committer that observes nothing.
     *
     * @param store      the store
     * @param translator maps the store's rejections
     * @param publisher  receives the committed changes; {@code null} publishes nothing
     */
    public LithairCommitter(LithairStore store, PersistenceExceptionTranslator translator,
            ApplicationEventPublisher publisher) {
        this(store, translator, publisher, ObservationRegistry.NOOP, null);
    }

    /**
     * A committer that reports each commit as a {@code lithair.commit} observation.
     *
     * @param store        the store
     * @param translator   maps the store's rejections
     * @param publisher    receives the committed changes; {@code null} publishes nothing
     * @param observations where {@code lithair.commit} observations go
     * @param convention   replaces {@link DefaultCommitObservationConvention}; {@code null} keeps it
     */
    public LithairCommitter(LithairStore store, PersistenceExceptionTranslator translator,
            ApplicationEventPublisher publisher, ObservationRegistry observations, CommitObservationConvention convention) {
        this.store = Objects.requireNonNull(store, "store");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.publisher = publisher;
        this.observations = Objects.requireNonNull(observations, "observations");
        this.convention = convention;
    }

    /** {@return the store it commits to} */
    public LithairStore store() {
        return store;
    }

    /**
     * Commits everything staged, durably, as one log record.
     *
     * @param writes the staged writes
     * @return what the commit did
     * @throws DataAccessException when the store rejects the commit; then nothing of it was applied
     */
    public CommitResult commit(StagedWrites writes) {
        if (!observations.isNoop()) {
            return observedCommit(writes.toCommit());
        }
        try {
            return store.commit(writes.toCommit());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** {@link #commit} within a {@code lithair.commit} observation, which learns the outcome and the force wait. */
    private CommitResult observedCommit(Commit commit) {
        CommitObservationContext context = new CommitObservationContext(commit);
        Observation observation = LithairObservation.COMMIT
                .observation(convention, DefaultCommitObservationConvention.INSTANCE, () -> context, observations)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            CommitResult result = store.commit(commit, context::forceWaited);
            context.succeeded(result);
            return result;
        } catch (RuntimeException e) {
            context.failed(e);
            RuntimeException translated = translate(e);
            observation.error(translated);
            throw translated;
        } finally {
            observation.stop();
        }
    }

    /**
     * The Spring form of a store exception, or the exception itself when it has none.
     *
     * @param e a store exception
     * @return its Spring form
     */
    public RuntimeException translate(RuntimeException e) {
        DataAccessException translated = translator.translateExceptionIfPossible(e);
        return translated != null ? translated : e;
    }

    /**
     * Publishes the committed changes of {@code result}, one event each, in commit order.
     *
     * @param writes the committed writes
     * @param result what the commit did
     */
    public void publish(StagedWrites writes, CommitResult result) {
        if (publisher == null || result.duplicate() || result.events().isEmpty()) {
            return;
        }
        for (EntityChangedEvent<?> event : changes(writes, result)) {
            publisher.publishEvent(event);
        }
    }

    /**
     * The changes of a commit, each with its entity: a creation or deletion carries the whole state;
     * an update's state is that of the put that caused it with the event's changes applied (the
     * store records no event for a put that changes nothing, so events are matched to operations in
     * order).
     */
    List<EntityChangedEvent<?>> changes(StagedWrites writes, CommitResult result) {
        List<Operation> operations = writes.operations();
        List<Class<?>> domainTypes = writes.domainTypes();
        List<Object> results = writes.results();
        List<EntityChangedEvent<?>> changes = new ArrayList<>(result.events().size());
        int next = 0;
        for (EventEnvelope event : result.events()) {
            int index = next;
            while (index < operations.size() && !produces(operations.get(index), event)) {
                index++;
            }
            if (index == operations.size()) {
                continue; // not one of ours: cannot happen, the commit's events come from its operations
            }
            next = index + 1;
            changes.add(change(domainTypes.get(index), operations.get(index), results.get(index), event,
                    result.sequence()));
        }
        return changes;
    }

    private static boolean produces(Operation operation, EventEnvelope event) {
        if (!operation.entityType().equals(event.entityType()) || !operation.entityId().equals(event.entityId())) {
            return false;
        }
        return switch (event.eventType()) {
            case CREATED, UPDATED -> operation instanceof Operation.Put;
            case DELETED -> operation instanceof Operation.Delete;
            case ERASED -> operation instanceof Operation.Erase;
        };
    }

    /**
     * A put's entity is the one the unit of work staged as its result (the store keeps the same
     * state: the put's entity, version advanced), so no payload is decoded on the write path; a
     * deletion's last state is decoded from its event; an erasure has none.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private EntityChangedEvent<?> change(Class<?> domainType, Operation operation, Object staged, EventEnvelope event,
            long sequence) {
        Object entity = staged;
        if (event.eventType() == EventType.ERASED) {
            entity = null;
        } else if (entity == null || event.eventType() == EventType.DELETED) {
            EntityCodec codec = store.codecOf(domainType);
            ObjectNode payload = (ObjectNode) event.payload();
            entity = event.eventType() == EventType.UPDATED
                    ? codec.applyChanges(((Operation.Put) operation).entity(), payload)
                    : codec.fromPayload(payload);
        }
        return new EntityChangedEvent(event.eventType(), domainType, event.entityId(), entity, sequence, event);
    }
}
