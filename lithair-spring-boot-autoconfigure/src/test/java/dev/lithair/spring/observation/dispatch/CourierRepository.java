package dev.lithair.spring.observation.dispatch;

import dev.lithair.spring.repository.LithairRepository;

public interface CourierRepository extends LithairRepository<Courier, String> {
}
