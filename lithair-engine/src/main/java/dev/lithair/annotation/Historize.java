package dev.lithair.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how much of a field's past is kept:
 * {@code @Historize(HistoryPolicy.FULL)} keeps every change, {@code @Historize(versions = 3)} the three
 * newest, {@code @Historize(HistoryPolicy.NONE)} none. Creation counts as the first change. The store
 * keeps exactly what is declared, in memory, in snapshots, after compaction and after restarts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Historize {

    /** The policy; {@link HistoryPolicy#VERSIONS} is implied when {@link #versions()} is set. */
    HistoryPolicy value() default HistoryPolicy.DEFAULT;

    /** How many of the newest changes to keep; 0 when {@link #value()} decides. */
    int versions() default 0;
}
