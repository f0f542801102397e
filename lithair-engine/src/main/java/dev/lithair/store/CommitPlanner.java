package dev.lithair.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.lithair.event.ChangeValidator;
import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.ProposedChange;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.CommitRejectedException;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a commit's operations into events against the current state, seeing the effect of the
 * commit's own earlier operations (a put then a delete of the same entity in one commit works), and
 * enforces the declared rules: ids match, {@code @Immutable} fields keep their value,
 * {@code @Version} matches the stored one (and is incremented), every value is within the store's
 * {@link ValueLimits} (so that it reads back), and every validator accepts the whole commit. Runs on
 * the writer thread only and changes nothing itself: the plan it returns is applied by
 * {@link StoreState#apply}. Any rule broken rejects the whole commit.
 *
 * <p>The local writer plans a commit before the ones accepted ahead of it are applied: it passes their
 * {@link PendingChanges}, read before the state, and notifies the validators of each accepted plan
 * ({@link #pending}) until it is applied ({@link #settled}) or dropped ({@link #discardPending}).
 */
final class CommitPlanner {

    /**
     * A commit's record, the entity after each of its events, and the changes its validators checked
     * ({@code null} when there is no validator).
     */
    record Plan(LogRecord record, List<Object> afterStates, List<ProposedChange> changes) {
    }

    private record EntityKey(String type, String id) {
    }

    /** Marks an entity deleted earlier in the same commit. */
    private static final Object ABSENT = new Object();

    private final StoreState state;
    private final List<ChangeValidator> validators;
    private final CommitLimits limits;

    CommitPlanner(StoreState state, List<ChangeValidator> validators, CommitLimits limits) {
        this.state = state;
        this.validators = List.copyOf(validators);
        this.limits = limits;
    }

    CommitLimits limits() {
        return limits;
    }

    /**
     * The plan for {@code commit}, its events numbered from {@code firstSequence}, or {@code null}
     * when the commit changes nothing.
     *
     * @throws CommitRejectedException when a declared rule is broken ({@link ValueLimitException} for a value
     *                                  the store could not read back)
     * @throws IllegalArgumentException when an operation is malformed (wrong type, id mismatch)
     */
    Plan plan(Commit commit, long firstSequence, Instant timestamp) {
        return plan(commit, firstSequence, timestamp, null);
    }

    /**
     * The plan for {@code commit} against the state as {@code accepted} (records accepted and not
     * applied yet) will leave it; {@code null} for the state as it is.
     */
    Plan plan(Commit commit, long firstSequence, Instant timestamp, PendingChanges accepted) {
        limits.checkCommit(commit);
        Map<EntityKey, Object> pending = new HashMap<>();
        Map<EntityKey, Object> initial = new HashMap<>();
        List<EventEnvelope> events = new ArrayList<>(commit.operations().size());
        List<Object> afterStates = new ArrayList<>(commit.operations().size());
        for (Operation operation : commit.operations()) {
            EntityKey key = new EntityKey(operation.entityType(), operation.entityId());
            Object current = pending.containsKey(key) ? pending.get(key) : current(accepted, key);
            initial.putIfAbsent(key, current == null ? ABSENT : current);
            if (current == ABSENT) {
                current = null;
            }
            limits.checkNames(operation);
            EntityCodec<Object> codec = state.types().codec(operation.entityType());
            long sequence = firstSequence + events.size();
            try {
                if (operation instanceof Operation.Put put) {
                    // A document is checked as given, before it is copied: copying recurses as deep as it goes.
                    boolean checkedAsGiven = codec.model() == null && put.entity() instanceof ObjectNode;
                    if (checkedAsGiven) {
                        limits.checkDocument(operation, (ObjectNode) put.entity());
                    }
                    Object after = checkedEntity(codec, put, current);
                    if (current == null) {
                        ObjectNode payload = codec.toPayload(after);
                        if (!checkedAsGiven) {
                            limits.checkDocument(operation, payload);
                            if (NegativeZeros.clear(payload)) {
                                after = codec.fromPayload(payload);
                            }
                        }
                        events.add(event(EventType.CREATED, commit, sequence, timestamp, put, payload, events.size()));
                    } else {
                        ObjectNode changes = codec.diff(current, after);
                        if (changes != null && codec.model() != null && NegativeZeros.presentIn(changes)) {
                            after = withoutNegativeZeros(codec, after);
                            changes = codec.diff(current, after);
                        }
                        if (changes == null) {
                            continue;
                        }
                        limits.checkChanges(operation, changes);
                        after = keepingUnchangedValues(codec, current, after);
                        events.add(event(EventType.UPDATED, commit, sequence, timestamp, put, changes, events.size()));
                    }
                    afterStates.add(after);
                    pending.put(key, after);
                } else if (operation instanceof Operation.Erase) {
                    events.add(event(EventType.ERASED, commit, sequence, timestamp, operation,
                            JsonNodeFactory.instance.objectNode(), events.size()));
                    afterStates.add(null);
                    pending.put(key, ABSENT);
                } else if (current != null) {
                    ObjectNode payload = codec.toPayload(current);
                    limits.checkDocument(operation, payload);
                    events.add(event(EventType.DELETED, commit, sequence, timestamp, operation, payload, events.size()));
                    afterStates.add(null);
                    pending.put(key, ABSENT);
                }
            } catch (StackOverflowError tooDeep) {
                // Jackson's serialisers recurse once per level of the entity: it is far deeper than any limit.
                throw limits.tooDeepToSerialise(operation);
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        List<ProposedChange> changes = validate(initial, pending);
        return new Plan(new LogRecord(commit.idempotencyKey(), events), afterStates, changes);
    }

    private Object current(PendingChanges accepted, EntityKey key) {
        Object pending = accepted == null ? null : accepted.get(key.type(), key.id());
        if (pending == null) {
            return state.get(key.type(), key.id());
        }
        return pending == PendingChanges.DELETED ? null : pending;
    }

    /**
     * Notifies the validators that {@code plan} is accepted, to be applied later; returns what
     * {@link #settled} needs once it is, or {@code null}.
     */
    Object[] pending(Plan plan) {
        if (plan.changes() == null) {
            return null;
        }
        Object[] remembered = null;
        for (int i = 0; i < validators.size(); i++) {
            Object one = validators.get(i).pending(plan.changes());
            if (one != null) {
                if (remembered == null) {
                    remembered = new Object[validators.size()];
                }
                remembered[i] = one;
            }
        }
        return remembered;
    }

    /** The plan {@link #pending} returned {@code remembered} for is applied. */
    void settled(Object[] remembered) {
        if (remembered == null) {
            return;
        }
        for (int i = 0; i < remembered.length; i++) {
            if (remembered[i] != null) {
                validators.get(i).settled(remembered[i]);
            }
        }
    }

    /** Every accepted plan not applied yet is dropped. */
    void discardPending() {
        validators.forEach(ChangeValidator::discardPending);
    }

    /** A typed entity with {@code 0.0} for each {@code -0.0}, as replaying its event would rebuild it (see {@link NegativeZeros}). */
    private static Object withoutNegativeZeros(EntityCodec<Object> codec, Object entity) {
        ObjectNode payload = codec.toPayload(entity);
        NegativeZeros.clear(payload);
        return codec.fromPayload(payload);
    }

    /** The entity the store will keep for a put: type-checked, rules enforced, version advanced. */
    private Object checkedEntity(EntityCodec<Object> codec, Operation.Put put, Object current) {
        if (!state.types().accepts(put.entityType(), put.entity())) {
            throw new IllegalArgumentException(put.entityType() + " " + put.entityId() + ": a "
                    + put.entity().getClass().getName() + " cannot be stored as " + put.entityType());
        }
        Object after = codec.retained(put.entity());
        EntityModel<Object> model = codec.model();
        if (model == null) {
            return after;
        }
        String id = model.idOf(after);
        if (!put.entityId().equals(id)) {
            throw new IllegalArgumentException(put.entityType() + ": the operation is for id " + put.entityId()
                    + " but the entity's id is " + id);
        }
        if (current != null) {
            for (FieldModel field : model.fields()) {
                if (field.immutable() && !field.version()) {
                    Object was = field.read(current);
                    Object attempted = field.read(after);
                    if (!dev.lithair.model.TypedEntityCodec.sameValue(was, attempted)) {
                        throw new ImmutableFieldException(put.entityType(), put.entityId(), field.name(), was, attempted);
                    }
                }
            }
        }
        FieldModel version = model.versionField();
        if (version != null) {
            after = advanceVersion(codec, put, version, current, after);
        }
        return after;
    }

    /**
     * The entity with the stored value of every field the diff does not count as changed (a
     * {@code BigDecimal} of another scale), so that the state in memory is the one replaying the
     * event rebuilds.
     */
    private static Object keepingUnchangedValues(EntityCodec<Object> codec, Object current, Object after) {
        EntityModel<Object> model = codec.model();
        if (model == null) {
            return after;
        }
        for (FieldModel field : model.fields()) {
            Object was = field.read(current);
            Object now = field.read(after);
            if (!Objects.equals(was, now) && dev.lithair.model.TypedEntityCodec.sameValue(was, now)) {
                after = codec.withFieldValue(after, field.name(), was);
            }
        }
        return after;
    }

    private static Object advanceVersion(EntityCodec<Object> codec, Operation.Put put, FieldModel version,
            Object current, Object after) {
        Number given = (Number) version.read(after);
        long givenValue = given == null ? 0 : given.longValue();
        if (current == null) {
            if (givenValue != 0) {
                throw new VersionConflictException(put.entityType(), put.entityId(), version.name(), given,
                        "absent (deleted or never created)");
            }
            return codec.withFieldValue(after, version.name(), versionValue(version, 0));
        }
        Number stored = (Number) version.read(current);
        if (given == null || givenValue != stored.longValue()) {
            throw new VersionConflictException(put.entityType(), put.entityId(), version.name(), given, stored);
        }
        Object candidate = codec.withFieldValue(after, version.name(), stored);
        if (codec.diff(current, candidate) == null) {
            return candidate; // nothing changes, so the version does not move either
        }
        return codec.withFieldValue(after, version.name(), versionValue(version, stored.longValue() + 1));
    }

    private static Object versionValue(FieldModel version, long value) {
        Class<?> type = version.javaType() instanceof Class<?> c ? c : Long.class;
        if (type == int.class || type == Integer.class) {
            return (int) value;
        }
        if (type == short.class || type == Short.class) {
            return (short) value;
        }
        return value;
    }

    private List<ProposedChange> validate(Map<EntityKey, Object> initial, Map<EntityKey, Object> pending) {
        if (validators.isEmpty()) {
            return null;
        }
        List<ProposedChange> changes = new ArrayList<>(pending.size());
        pending.forEach((key, after) -> {
            Object before = initial.get(key);
            changes.add(new ProposedChange(key.type(), key.id(), before == ABSENT ? null : before,
                    after == ABSENT ? null : after));
        });
        for (ChangeValidator validator : validators) {
            validator.validate(changes);
        }
        return changes;
    }

    private static EventEnvelope event(EventType type, Commit commit, long sequence, Instant timestamp,
            Operation operation, ObjectNode payload, int index) {
        return new EventEnvelope(type, eventId(commit, operation, sequence, index), sequence, timestamp, commit.actor(),
                operation.entityType(), operation.entityId(), payload);
    }

    /**
     * The commit's key for its only event, the key and the event's index when it has several, or
     * {@code type:id:sequence} when the caller gave no key.
     */
    private static String eventId(Commit commit, Operation operation, long sequence, int index) {
        if (commit.idempotencyKey() == null) {
            return operation.entityType() + ":" + operation.entityId() + ":" + sequence;
        }
        return commit.operations().size() == 1 ? commit.idempotencyKey() : commit.idempotencyKey() + "#" + index;
    }
}
