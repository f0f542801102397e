package dev.lithair.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An entity as it was at a past instant, rebuilt from its retained history, saying what that
 * history could not establish. It is never silently the current state: a field whose value at the
 * instant is not known is listed in {@link #unknownFields()} and holds its type's default
 * ({@code null}, {@code 0}, {@code false}) in {@link #state()}.
 *
 * <p>What is known at instant {@code T}:
 * <ul>
 * <li>everything, when the entity has not changed since {@code T};</li>
 * <li>a historized field ({@code FULL}, {@code versions = N}): the new value of its last retained
 *     change made at or before {@code T} in the same lifetime; unknown when its retained history no
 *     longer reaches back to {@code T} (a change older than the field's {@code maxAge} is not retained);</li>
 * <li>the id always; an {@code @Immutable} field while the entity still exists (it never changed);</li>
 * <li>the {@code @Version}: whenever every other field is known, as the retained changes hold the
 *     version each of their events left (not for events read from snapshots of releases before that);</li>
 * <li>any other field ({@code NONE}): only when the entity has not changed since {@code T}.</li>
 * </ul>
 *
 * @param <T>           the entity type
 * @param instant       the instant asked about
 * @param existence     whether the entity existed then
 * @param state         the entity as it was, present only when it {@link Existence#EXISTED existed}
 * @param unknownFields fields of {@code state} whose value at the instant is unknown, in declaration order
 */
public record AsOf<T>(Instant instant, Existence existence, Optional<T> state, Set<String> unknownFields) {

    /** Whether the entity existed at the instant. */
    public enum Existence {
        /** It existed: {@link #state()} holds it. */
        EXISTED,
        /** It did not exist: not yet created, or already deleted. */
        DID_NOT_EXIST,
        /**
         * What the store holds cannot say: the entity's past predates the history kept, or it was
         * deleted and its type keeps no history (nothing of it was retained).
         */
        UNKNOWN
    }

    /**
     * Checks that a state is present exactly when the entity existed, and copies the unknown fields.
     *
     * @param instant       the instant asked about
     * @param existence     whether the entity existed then
     * @param state         the entity as it was, present exactly when it existed
     * @param unknownFields the fields whose value at the instant is not known
     */
    public AsOf {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(existence, "existence");
        Objects.requireNonNull(state, "state");
        unknownFields = Collections.unmodifiableSet(new LinkedHashSet<>(unknownFields));
        if (state.isPresent() != (existence == Existence.EXISTED)) {
            throw new IllegalArgumentException("a state is present exactly when the entity existed");
        }
    }

    /** {@return whether the entity existed at the instant and every field of it is known} */
    public boolean complete() {
        return existence == Existence.EXISTED && unknownFields.isEmpty();
    }
}
