package dev.lithair.spring.core;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.data.core.PropertyPath;
import org.springframework.data.repository.query.parser.Part;

/**
 * One condition of a query on one property: {@code price > 10}, {@code category = 'lamps'},
 * {@code name starts with 'A'}. Arguments are already converted to the property's type.
 * Immutable; {@link #test} is thread-safe.
 *
 * @param path       the property, possibly nested
 * @param type       the comparison, as Spring Data's derived queries name it
 * @param arguments  its arguments (none, one, or two for {@code BETWEEN}); a collection for {@code IN}
 * @param ignoreCase whether strings compare ignoring case
 */
public record Condition(PropertyPath path, Part.Type type, List<Object> arguments, boolean ignoreCase) {

    /**
     * Copies the arguments.
     *
     * @param path       the property, possibly nested
     * @param type       the comparison, as Spring Data's derived queries name it
     * @param arguments  its arguments (none, one, or two for {@code BETWEEN}); a collection for {@code IN}
     * @param ignoreCase whether strings compare ignoring case
     */
    public Condition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    /**
     * The top-level property, the one an index can be on; a nested path has none.
     *
     * @return the field, or {@code null}
     */
    public String indexableField() {
        return path.hasNext() ? null : path.getSegment();
    }

    Object argument(int index) {
        return arguments.get(index);
    }

    /**
     * Whether {@code entity} satisfies the condition.
     *
     * @param entity an entity
     * @return whether it satisfies the condition
     */
    public boolean test(Object entity) {
        return matches(PropertyValues.read(entity, path));
    }

    boolean matches(Object value) {
        switch (type) {
            case SIMPLE_PROPERTY:
                return same(value, argument(0));
            case NEGATING_SIMPLE_PROPERTY:
                return !same(value, argument(0));
            case IS_NULL:
                return value == null;
            case IS_NOT_NULL:
            case EXISTS:
                return value != null;
            case TRUE:
                return Boolean.TRUE.equals(value);
            case FALSE:
                return Boolean.FALSE.equals(value);
            case BETWEEN:
                return value != null && compare(value, argument(0)) >= 0 && compare(value, argument(1)) <= 0;
            case LESS_THAN:
            case BEFORE:
                return value != null && argument(0) != null && compare(value, argument(0)) < 0;
            case LESS_THAN_EQUAL:
                return value != null && argument(0) != null && compare(value, argument(0)) <= 0;
            case GREATER_THAN:
            case AFTER:
                return value != null && argument(0) != null && compare(value, argument(0)) > 0;
            case GREATER_THAN_EQUAL:
                return value != null && argument(0) != null && compare(value, argument(0)) >= 0;
            case IN:
                return in(value, argument(0));
            case NOT_IN:
                return !in(value, argument(0));
            case STARTING_WITH:
                return value != null && argument(0) != null && text(value).startsWith(text(argument(0)));
            case ENDING_WITH:
                return value != null && argument(0) != null && text(value).endsWith(text(argument(0)));
            case CONTAINING:
                return contains(value, argument(0));
            case NOT_CONTAINING:
                return value != null && !contains(value, argument(0));
            case LIKE:
                return value != null && argument(0) != null && like(text(value), text(argument(0)));
            case NOT_LIKE:
                return value != null && argument(0) != null && !like(text(value), text(argument(0)));
            case REGEX:
                return value != null && argument(0) != null && Pattern
                        .compile(String.valueOf(argument(0)), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
                        .matcher(String.valueOf(value)).find();
            case IS_EMPTY:
                return isEmpty(value);
            case IS_NOT_EMPTY:
                return !isEmpty(value);
            default:
                throw new UnsupportedOperationException(type + " is not supported by Lithair queries");
        }
    }

    private boolean same(Object value, Object argument) {
        if (value == null || argument == null) {
            return value == argument;
        }
        if (ignoreCase && value instanceof String && argument instanceof String) {
            return ((String) value).equalsIgnoreCase((String) argument);
        }
        if (value instanceof BigDecimal && argument instanceof BigDecimal) {
            return ((BigDecimal) value).compareTo((BigDecimal) argument) == 0;
        }
        return value.equals(argument);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compare(Object value, Object argument) {
        if (ignoreCase && value instanceof String && argument instanceof String) {
            return ((String) value).compareToIgnoreCase((String) argument);
        }
        if (!(value instanceof Comparable)) {
            throw new org.springframework.dao.InvalidDataAccessApiUsageException(
                    path.toDotPath() + " is not comparable: " + value.getClass().getName());
        }
        return ((Comparable) value).compareTo(argument);
    }

    private boolean in(Object value, Object candidates) {
        if (candidates == null) {
            return false;
        }
        for (Object candidate : (Collection<?>) candidates) {
            if (same(value, candidate)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(Object value, Object argument) {
        if (value == null) {
            return false;
        }
        if (value instanceof Collection<?>) {
            for (Object element : (Collection<?>) value) {
                if (same(element, argument)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?>) {
            return ((Map<?, ?>) value).containsKey(argument);
        }
        return argument != null && text(value).contains(text(argument));
    }

    private static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Collection<?>) {
            return ((Collection<?>) value).isEmpty();
        }
        if (value instanceof Map<?, ?>) {
            return ((Map<?, ?>) value).isEmpty();
        }
        if (value instanceof CharSequence) {
            return ((CharSequence) value).length() == 0;
        }
        return false;
    }

    private String text(Object value) {
        String text = String.valueOf(value);
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    /**
     * SQL's {@code LIKE}: {@code %} any run of characters, {@code _} one character; a pattern without
     * either matches when contained, as {@code Containing} does.
     */
    private static boolean like(String value, String pattern) {
        if (pattern.indexOf('%') < 0 && pattern.indexOf('_') < 0) {
            return value.contains(pattern);
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    @Override
    public String toString() {
        return path.toDotPath() + " " + type + (arguments.isEmpty() ? "" : " " + arguments);
    }
}
