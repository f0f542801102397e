package dev.lithair.event;

/** What happened to an entity. The names are part of the on-disk format: never rename them. */
public enum EventType {
    /** The entity did not exist; the payload holds all of its fields. */
    CREATED,
    /** The entity existed; the payload holds only the changed fields, each as {@code {"old":…,"new":…}}. */
    UPDATED,
    /** The entity existed and is gone; the payload holds its last state. */
    DELETED
}
