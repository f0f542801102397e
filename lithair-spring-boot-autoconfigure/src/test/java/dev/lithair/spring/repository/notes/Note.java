package dev.lithair.spring.repository.notes;

/** A plain record, without any annotation: its identity is the field named {@code id}. */
public record Note(String id, String author, String text) {
}
