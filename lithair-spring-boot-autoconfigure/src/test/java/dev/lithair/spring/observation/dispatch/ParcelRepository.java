package dev.lithair.spring.observation.dispatch;

import dev.lithair.spring.repository.LithairRepository;

public interface ParcelRepository extends LithairRepository<Parcel, String> {
}
