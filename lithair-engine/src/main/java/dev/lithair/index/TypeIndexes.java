package dev.lithair.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;

/** The indexes of one entity type, by field. Mutated by the writer thread only. */
final class TypeIndexes {

    final Map<String, FieldIndexes> byField;
    private final FieldIndexes[] all;
    final List<FieldIndexes> unique;

    TypeIndexes(EntityModel<?> model) {
        Map<String, FieldIndexes> fields = new LinkedHashMap<>();
        List<FieldIndexes> uniqueFields = new ArrayList<>();
        for (FieldModel field : model.fields()) {
            if (FieldIndexes.declaresIndex(field)) {
                FieldIndexes indexes = new FieldIndexes(model, field);
                fields.put(field.name(), indexes);
                if (indexes.unique != null) {
                    uniqueFields.add(indexes);
                }
            }
        }
        this.byField = Collections.unmodifiableMap(fields);
        this.all = fields.values().toArray(new FieldIndexes[0]);
        this.unique = List.copyOf(uniqueFields);
    }

    boolean isEmpty() {
        return all.length == 0;
    }

    /**
     * Moves {@code id} from the keys of {@code before} to those of {@code after}; either may be
     * {@code null} (created, deleted). Per field, the old entry goes before the new one comes, so an
     * equality lookup never finds the entity under two values at once (it may briefly find it under
     * neither); an ordered walk running meanwhile may meet it at both places and keeps it once.
     */
    void update(String id, Object before, Object after) {
        for (FieldIndexes field : all) {
            Object beforeKey = before == null ? null : field.keyOf(before);
            Object afterKey = after == null ? null : field.keyOf(after);
            if (beforeKey != null && beforeKey.equals(afterKey)) {
                continue;
            }
            if (beforeKey != null) {
                field.remove(beforeKey, id);
            }
            if (afterKey != null) {
                field.add(afterKey, id);
            }
        }
    }
}
