package dev.lithair.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What commits accepted but not applied yet do to the {@code @Unique} indexes: per field and value,
 * the ids that will take it (+1) or give it up (-1). The unique check adds it to the index, so that a
 * commit is checked against every commit accepted before it, while readers of the index see only
 * applied ones. Each accepted commit's steps are taken back when it is applied (the index then holds
 * them) or dropped.
 *
 * <p>Not thread-safe: the writer thread only.
 */
final class PendingUniqueClaims {

    /** One id taking ({@code change} +1) or giving up (-1) one value of one field. */
    record Step(FieldIndexes field, Object key, String id, int change) {
    }

    private final Map<FieldIndexes, Map<Object, Map<String, Integer>>> byField = new HashMap<>();

    /** Records a step, to be taken back by {@link #settle}. */
    void add(Step step) {
        byField.computeIfAbsent(step.field(), f -> new HashMap<>()).computeIfAbsent(step.key(), k -> new HashMap<>())
                .merge(step.id(), step.change(), Integer::sum);
    }

    /** Takes back the steps of one applied (or dropped) commit. */
    void settle(List<Step> steps) {
        for (Step step : steps) {
            Map<Object, Map<String, Integer>> keys = byField.get(step.field());
            Map<String, Integer> ids = keys == null ? null : keys.get(step.key());
            if (ids == null) {
                continue;
            }
            ids.computeIfPresent(step.id(), (id, count) -> count == step.change() ? null : count - step.change());
            if (ids.isEmpty()) {
                keys.remove(step.key());
                if (keys.isEmpty()) {
                    byField.remove(step.field());
                }
            }
        }
    }

    void clear() {
        byField.clear();
    }

    /** The pending changes of who holds {@code key} in {@code field}, by id; {@code null} when none. */
    Map<String, Integer> changes(FieldIndexes field, Object key) {
        Map<Object, Map<String, Integer>> keys = byField.get(field);
        return keys == null ? null : keys.get(key);
    }

    static List<Step> newSteps() {
        return new ArrayList<>(2);
    }
}
