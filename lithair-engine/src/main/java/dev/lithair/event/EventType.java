package dev.lithair.event;

/** What happened to an entity. The names are part of the on-disk format: never rename them. */
public enum EventType {
    /** The entity did not exist; the payload holds all of its fields. */
    CREATED,
    /** The entity existed; the payload holds only the changed fields, each as {@code {"old":…,"new":…}}. */
    UPDATED,
    /** The entity existed and is gone; the payload holds its last state. */
    DELETED,
    /**
     * The entity and all its retained history are gone, as a right-to-erasure request asks; the payload
     * is empty, so that once the events before it are compacted away nothing of its values is stored.
     */
    ERASED
}
