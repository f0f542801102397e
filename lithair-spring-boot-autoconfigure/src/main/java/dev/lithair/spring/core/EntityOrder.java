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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> of(Sort.Order order) {
        String property = order.getProperty();
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
        Comparator<Object> withNulls;
        switch (order.getNullHandling()) {
            case NULLS_FIRST:
                withNulls = Comparator.nullsFirst(values);
                break;
            case NULLS_LAST:
                withNulls = Comparator.nullsLast(values);
                break;
            default:
                withNulls = order.isDescending() ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
        }
        return (x, y) -> withNulls.compare(PropertyValues.read(x, property), PropertyValues.read(y, property));
    }
}
