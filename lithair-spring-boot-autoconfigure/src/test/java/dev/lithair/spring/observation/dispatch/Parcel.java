package dev.lithair.spring.observation.dispatch;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Unique;

/** A parcel with a unique label: a second parcel with a taken label makes a commit fail. */
public record Parcel(@Id String id, @Unique String label) {
}
