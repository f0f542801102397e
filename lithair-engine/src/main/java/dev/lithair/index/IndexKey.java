package dev.lithair.index;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * How a field's Java value becomes an index key, and how keys are ordered.
 *
 * <p>Numbers become one canonical form per mathematical value, whatever their Java type: integral
 * values that fit a {@code long} become {@link Long}, other finite values a {@link BigDecimal}
 * without trailing zeros, and {@code NaN} and the infinities stay {@link Double}. So {@code 1.0}
 * and {@code 1.00} are one key (as for {@link dev.lithair.model.TypedEntityCodec#sameValue}), an
 * {@code Integer 5} query finds a {@code long} field holding 5, and a {@code BigDecimal 0.1} query
 * finds a {@code double} field holding 0.1 (doubles and floats are read as the shortest decimal that
 * denotes them, {@code Double.toString}). Other values are keys as they are; {@code null} is
 * {@link #NULL}.
 *
 * <p>Order: {@link #NULL} first, then numbers by value ({@code NaN} last among them, as in
 * {@link Double#compare}), then other values by their natural order. Values of unrelated classes
 * (only possible when a field's declared type is an interface) are ordered by class name, so the
 * order is total and never throws on the writer thread.
 */
final class IndexKey {

    /** The key of a {@code null} value. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The total order of keys described above. */
    static final Comparator<Object> ORDER = IndexKey::compare;

    private IndexKey() {
    }

    /** The key of a field value or query value. */
    static Object of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Number number) {
            return canonical(number);
        }
        return value;
    }

    private static Object canonical(Number number) {
        if (number instanceof Long) {
            return number;
        }
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigDecimal decimal) {
            return canonical(decimal);
        }
        if (number instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : canonical(new BigDecimal(integer));
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d; // -0.0 becomes 0 as well
            }
            return canonical(new BigDecimal(number instanceof Float ? Float.toString(number.floatValue())
                    : Double.toString(d)));
        }
        try {
            return canonical(new BigDecimal(number.toString())); // AtomicLong, LongAdder, other Numbers
        } catch (NumberFormatException notDecimal) {
            return canonical((Number) number.doubleValue());
        }
    }

    private static Object canonical(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return 0L;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return stripped.longValueExact();
        }
        return stripped;
    }

    /** Whether a key is one of the canonical number forms. */
    static boolean isNumber(Object key) {
        return key instanceof Long || key instanceof BigDecimal || key instanceof Double;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == NULL) {
            return -1;
        }
        if (b == NULL) {
            return 1;
        }
        boolean aNumber = isNumber(a);
        boolean bNumber = isNumber(b);
        if (aNumber && bNumber) {
            return compareNumbers(a, b);
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        if (!(a instanceof Comparable) || !(b instanceof Comparable)
                || (!a.getClass().isInstance(b) && !b.getClass().isInstance(a))) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        return ((Comparable) a).compareTo(b);
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x) {
            return b instanceof Double y ? Double.compare(x, y) : nonFiniteAgainstFinite(x);
        }
        if (b instanceof Double y) {
            return -nonFiniteAgainstFinite(y);
        }
        return decimal(a).compareTo(decimal(b));
    }

    /** A double key is NaN or infinite: -Infinity below every finite number, NaN and +Infinity above. */
    private static int nonFiniteAgainstFinite(double nonFinite) {
        return nonFinite == Double.NEGATIVE_INFINITY ? -1 : 1;
    }

    private static BigDecimal decimal(Object key) {
        return key instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) key);
    }
}
