package dev.lithair.spring.repository.notes;

import org.springframework.data.annotation.Id;

/** A record identified by a number under another name than {@code id}. */
public record Ticket(@Id Long number, String title) {
}
