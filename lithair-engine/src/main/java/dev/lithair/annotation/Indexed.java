package dev.lithair.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maintains an index on the field at every event. A hash index answers equality lookups and counts
 * in O(1); a sorted one ({@code sorted = true}) also answers ranges, ordering and top-N without a scan.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Indexed {

    /** {@return whether the index keeps values in order} The field's type must then be {@link Comparable}. */
    boolean sorted() default false;
}
