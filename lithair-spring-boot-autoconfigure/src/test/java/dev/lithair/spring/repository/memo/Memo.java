package dev.lithair.spring.repository.memo;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Indexed;

/** A note with a topic: the entity of the repositories whose proxies the shortcut tests look into. */
public record Memo(@Id String id, @Indexed String topic, String text) {
}
