package dev.lithair.internal.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import tools.jackson.databind.JsonNode;

/**
 * The lifecycle view of one entity type: which fields keep history ({@code FULL} or
 * {@code versions = N}; never the id, the version, immutable or {@code NONE} fields), how many
 * changes each keeps and up to what age, and the position of each in an {@link EntityHistory}. Names
 * resolve through former names, so data written before a rename lands on the renamed field. Immutable.
 */
final class LifecycleModel {

    private final EntityCodec<Object> codec;
    private final FieldModel[] historized;
    /** Whether a historized field has a {@code maxAge}. */
    private final boolean expires;
    /** By position: the field's current name, then its former names. */
    private final List<List<String>> names = new ArrayList<>();

    LifecycleModel(EntityCodec<Object> codec) {
        this.codec = codec;
        List<FieldModel> kept = new ArrayList<>();
        for (FieldModel field : codec.model().fields()) {
            if (field.retainedChanges() > 0) {
                kept.add(field);
            }
        }
        this.historized = kept.toArray(FieldModel[]::new);
        this.expires = kept.stream().anyMatch(field -> field.maxAge() != null);
        for (FieldModel field : historized) {
            List<String> fieldNames = new ArrayList<>(List.of(field.name()));
            codec.model().formerNames().forEach((former, current) -> {
                if (current.equals(field.name())) {
                    fieldNames.add(former);
                }
            });
            names.add(List.copyOf(fieldNames));
        }
    }

    EntityCodec<Object> codec() {
        return codec;
    }

    EntityModel<Object> model() {
        return codec.model();
    }

    /** Number of fields that keep history. */
    int historizedCount() {
        return historized.length;
    }

    boolean historizesAnything() {
        return historized.length > 0;
    }

    FieldModel historized(int position) {
        return historized[position];
    }

    /** Whether some historized field drops its changes past an age: only then is the clock read. */
    boolean expires() {
        return expires;
    }

    /**
     * The instant before which the changes of the field at {@code position} are expired, as of {@code now};
     * {@code null} when it keeps changes of any age.
     */
    Instant expiredBefore(int position, Instant now) {
        Duration maxAge = historized[position].maxAge();
        if (maxAge == null) {
            return null;
        }
        if (maxAge.getSeconds() >= now.getEpochSecond() - Instant.MIN.getEpochSecond()) {
            return Instant.MIN; // reaches back past the earliest instant: nothing is that old
        }
        return now.minus(maxAge);
    }

    /** {@link #expiredBefore} of every historized field, by position; {@code null} when none expires. */
    Instant[] expiredBefore(Instant now) {
        if (!expires) {
            return null;
        }
        Instant[] cutoffs = new Instant[historized.length];
        for (int position = 0; position < cutoffs.length; position++) {
            cutoffs[position] = expiredBefore(position, now);
        }
        return cutoffs;
    }

    /** The type's {@code @Version} field, {@code null} when it has none. */
    FieldModel versionField() {
        return codec.model().versionField();
    }

    /**
     * Whether a payload holds the field at {@code position}, under its name or a former one: an
     * event written before the field was added does not.
     */
    boolean carries(JsonNode payload, int position) {
        for (String name : names.get(position)) {
            if (payload.has(name)) {
                return true;
            }
        }
        return false;
    }

    /** The position of the field named {@code name} now or formerly, or -1 when it keeps no history. */
    int position(String name) {
        FieldModel field = codec.model().resolve(name);
        if (field == null) {
            return -1;
        }
        for (int i = 0; i < historized.length; i++) {
            if (historized[i] == field) {
                return i;
            }
        }
        return -1;
    }
}
