package dev.lithair.annotation;

/** How much of a field's past is kept. */
public enum HistoryPolicy {
    /** Every change, forever, or for {@link Historize#maxAge()} when set. */
    FULL,
    /** The newest {@link Historize#versions()} changes. */
    VERSIONS,
    /** No change is kept: only the current value exists. */
    NONE,
    /** Not set on the annotation: use the store's configured default for unannotated fields. */
    DEFAULT
}
