package dev.lithair.spring.observation.dispatch;

import org.springframework.data.annotation.Id;

/** Who carries parcels: the second entity type of a dispatch's commit. */
public record Courier(@Id String id, String name) {
}
