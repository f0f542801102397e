package dev.lithair.sample.product.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.repository.IncompleteHistoryException;

/**
 * A product's historized fields as they were at an instant, read from their retained history.
 *
 * <p>Why not {@code findById(id, asOf)}: it rebuilds the whole entity and refuses when any field is
 * unknown, and the product's {@code @LastModifiedDate} keeps no history (its name keeps only three
 * versions), so it refuses for most products updated since the instant. The catalogue's past is its name,
 * category and price: this view answers with exactly those.
 *
 * @param id       the product
 * @param asOf     the instant asked about
 * @param name     the name then
 * @param category the category then
 * @param price    the price then
 */
public record ProductAsOf(String id, Instant asOf, String name, String category, BigDecimal price) {

    static final List<String> FIELDS = List.of("name", "category", "price");

    /**
     * Reads the fields at {@code instant} from the product's retained changes, oldest first.
     *
     * @throws ProductNotFoundException    the product did not exist then (or has no retained history)
     * @throws IncompleteHistoryException  a field's retained history does not reach back to the instant
     */
    static ProductAsOf of(String id, Instant instant, List<FieldChange> history) {
        Object[] values = new Object[FIELDS.size()];
        Set<String> unknown = new LinkedHashSet<>();
        boolean existed = false;
        boolean createdLater = false;
        for (int i = 0; i < FIELDS.size(); i++) {
            String field = FIELDS.get(i);
            List<FieldChange> changes = history.stream().filter(change -> change.field().equals(field)).toList();
            if (changes.isEmpty()) {
                throw new ProductNotFoundException(id);
            }
            FieldChange last = null;
            for (FieldChange change : changes) {
                if (!change.timestamp().isAfter(instant)) {
                    last = change;
                }
            }
            if (last != null) {
                values[i] = last.newValue();
                existed = true;
            } else if (changes.get(0).oldValue() == null) {
                createdLater = true; // the kept changes start with the creation, after the instant
            } else {
                unknown.add(field); // trimmed: the kept changes start after the instant
            }
        }
        if (createdLater || (!existed && unknown.isEmpty())) {
            throw new ProductNotFoundException(id);
        }
        if (!unknown.isEmpty()) {
            throw new IncompleteHistoryException("Product", id, instant, unknown);
        }
        return new ProductAsOf(id, instant, (String) values[0], (String) values[1], decimal(values[2]));
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(String.valueOf(value));
    }
}
