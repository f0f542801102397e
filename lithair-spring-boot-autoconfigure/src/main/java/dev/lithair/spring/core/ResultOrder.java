package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.util.ClassUtils;

import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;

/**
 * The total order of a query's results: its sort, then the entity's store id (the string the store
 * keys it by) to break ties, in the direction of the sort's first order, ascending when unsorted.
 * That is how a sorted index orders entities holding one value, so results read from an index and
 * results sorted after a scan come in the same order, and pages never overlap or miss an entity.
 *
 * <p>A keyset position is an entity's place in this order: the values of the sort's properties
 * and of the id property. Immutable and thread-safe.
 */
final class ResultOrder {

    private final Sort sort;
    private final boolean reversed;
    private final EntityModel<Object> model;
    private final List<Comparator<Object>> values = new ArrayList<>();
    private final boolean idDescending;

    @SuppressWarnings("unchecked")
    private ResultOrder(Sort sort, boolean reversed, EntityModel<?> model) {
        this.sort = sort;
        this.reversed = reversed;
        this.model = (EntityModel<Object>) model;
        for (Sort.Order order : sort) {
            values.add(EntityOrder.values(order));
        }
        this.idDescending = sort.isSorted() && sort.iterator().next().isDescending();
    }

    /** The order of results sorted by {@code sort}. */
    static ResultOrder of(Sort sort, EntityModel<?> model) {
        return new ResultOrder(sort, false, model);
    }

    /** This order backwards, as a backward scroll reads. */
    ResultOrder reversed() {
        return new ResultOrder(sort, !reversed, model);
    }

    Comparator<Object> comparator() {
        return this::compare;
    }

    private int compare(Object a, Object b) {
        int result = 0;
        int i = 0;
        for (Sort.Order order : sort) {
            result = values.get(i++).compare(PropertyValues.read(a, order.getProperty()),
                    PropertyValues.read(b, order.getProperty()));
            if (result != 0) {
                break;
            }
        }
        if (result == 0) {
            result = compareIds(model.idOf(a), model.idOf(b));
        }
        return reversed ? -result : result;
    }

    private int compareIds(String a, String b) {
        return idDescending ? b.compareTo(a) : a.compareTo(b);
    }

    /**
     * The sorted field whose index walks in this order, or {@code null}: the sort must be one order
     * on a top-level field with {@code @Indexed(sorted = true)}, exact (not ignoring case) and with
     * the index's place for {@code null} (first ascending, last descending).
     */
    String indexedField(Predicate<String> sorted) {
        if (sort.stream().count() != 1) {
            return null;
        }
        Sort.Order order = sort.iterator().next();
        boolean walkable = !order.isIgnoreCase() && order.getNullHandling() == Sort.NullHandling.NATIVE
                && !order.getProperty().contains(".") && sorted.test(order.getProperty());
        return walkable ? order.getProperty() : null;
    }

    /** Whether a sorted index walks this order from its end. */
    boolean descendingInIndex() {
        return idDescending != reversed;
    }

    /** The name of the id property, the last key of a position. */
    String idProperty() {
        return model.idField().name();
    }

    /** The keyset position of {@code entity}: its sort values, then its id. */
    Map<String, Object> positionOf(Object entity) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Sort.Order order : sort) {
            keys.put(order.getProperty(), PropertyValues.read(entity, order.getProperty()));
        }
        keys.put(idProperty(), PropertyValues.read(entity, idProperty()));
        return keys;
    }

    /**
     * The position a caller handed in, checked and with each value in its property's type (a position
     * that went through JSON holds strings and numbers).
     *
     * @throws InvalidDataAccessApiUsageException when a key is missing or cannot be converted
     */
    Map<String, Object> readPosition(Map<String, Object> keys) {
        Map<String, Object> position = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        sort.forEach(order -> properties.add(order.getProperty()));
        properties.add(idProperty());
        for (String property : properties) {
            if (!keys.containsKey(property)) {
                throw new InvalidDataAccessApiUsageException("the keyset position " + keys + " has no " + property
                        + ": a position of " + model.name() + " in this order holds " + properties);
            }
            position.put(property, converted(property, keys.get(property)));
        }
        if (position.get(idProperty()) == null) {
            throw new InvalidDataAccessApiUsageException("the keyset position " + keys + " has a null " + idProperty());
        }
        return position;
    }

    private Object converted(String property, Object value) {
        FieldModel field = property.contains(".") ? null : model.field(property);
        if (value == null || field == null || !(field.javaType() instanceof Class<?> type)
                || ClassUtils.resolvePrimitiveIfNecessary(type).isInstance(value)) {
            return value;
        }
        try {
            return DefaultConversionService.getSharedInstance().convert(value, type);
        } catch (ConversionException e) {
            throw new InvalidDataAccessApiUsageException("the keyset position's " + property + " " + value
                    + " is not a " + type.getName(), e);
        }
    }

    /** Whether {@code entity} comes strictly after {@code position} (from {@link #readPosition}). */
    boolean isAfter(Object entity, Map<String, Object> position) {
        int result = 0;
        int i = 0;
        for (Sort.Order order : sort) {
            result = values.get(i++).compare(PropertyValues.read(entity, order.getProperty()),
                    position.get(order.getProperty()));
            if (result != 0) {
                break;
            }
        }
        if (result == 0) {
            result = compareIds(model.idOf(entity), String.valueOf(position.get(idProperty())));
        }
        return reversed ? result < 0 : result > 0;
    }
}
