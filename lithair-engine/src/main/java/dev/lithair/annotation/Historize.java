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
 *
 * <p>{@code maxAge} bounds the history by age: {@code @Historize(maxAge = "P90D")} keeps every change of the
 * last 90 days (alone, it means {@code FULL} within that age, whatever the default policy),
 * {@code @Historize(versions = 3, maxAge = "P90D")} the three newest among them. Older changes leave memory as time passes and the disk at the next compaction; the age is
 * measured on the store's clock ({@code StoreOptions.clock()}), so tests need no waiting.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Historize {

    /** {@return the policy} {@link HistoryPolicy#VERSIONS} is implied when {@link #versions()} is set. */
    HistoryPolicy value() default HistoryPolicy.DEFAULT;

    /** {@return how many of the newest changes to keep, 0 when {@link #value()} decides} */
    int versions() default 0;

    /**
     * The age beyond which a change is no longer kept, as an ISO-8601 duration ({@code "P90D"},
     * {@code "PT1H"}, read by {@link java.time.Duration#parse}); empty for no limit. It applies on top
     * of the policy: a change is kept only when the policy keeps it and it is younger than this. It
     * must be positive, and is refused on a field that keeps no history.
     *
     * @return the age limit, or an empty string for none
     */
    String maxAge() default "";
}
