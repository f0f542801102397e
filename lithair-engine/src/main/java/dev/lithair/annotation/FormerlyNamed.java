package dev.lithair.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The names a field had before it was renamed: data written under them (event payloads, snapshots,
 * retained history) is read as this field's, and its history carries on under the new name.
 *
 * <pre>{@code
 * record Product(String id, @FormerlyNamed("title") @Historize(HistoryPolicy.FULL) String name) {}
 * }</pre>
 *
 * A former name may not be the name of another field of the type. Compaction rewrites everything
 * under the current name, so the annotation may be removed once the store has been compacted with it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface FormerlyNamed {

    /** {@return the earlier names, in any order} */
    String[] value();
}
