package dev.lithair.spring.core;

import java.util.Comparator;

import org.springframework.data.domain.Sort;

/**
 * The comparator of a {@link Sort} over entities, reading each order's property (possibly nested).
 * Unless the order says otherwise, {@code null} is smaller than every value (first ascending, last
 * descending), as in the store's sorted indexes; strings compare ignoring case when the order says so.
 */
final class EntityOrder {

    private EntityOrder() {
    }

    static Comparator<Object> of(Sort sort) {
        Comparator<Object> comparator = null;
        for (Sort.Order order : sort) {
            Comparator<Object> next = of(order);
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator;
    }

    private static Comparator<Object> of(Sort.Order order) {
        Comparator<Object> values = values(order);
        String property = order.getProperty();
        return (x, y) -> values.compare(PropertyValues.read(x, property), PropertyValues.read(y, property));
    }

    /** The comparator of one order over its property's values, {@code null} included, as {@link #of(Sort)} uses. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Object> values(Sort.Order order) {
        boolean ignoreCase = order.isIgnoreCase();
        Comparator<Object> values = (a, b) -> {
            if (ignoreCase && a instanceof String && b instanceof String) {
                return ((String) a).compareToIgnoreCase((String) b);
            }
            return ((Comparable) a).compareTo(b);
        };
        if (order.isDescending()) {
            values = values.reversed();
        }
        switch (order.getNullHandling()) {
            case NULLS_FIRST:
                return Comparator.nullsFirst(values);
            case NULLS_LAST:
                return Comparator.nullsLast(values);
            default:
                return order.isDescending() ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
        }
    }
}
