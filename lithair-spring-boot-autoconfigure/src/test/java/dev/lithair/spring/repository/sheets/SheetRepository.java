package dev.lithair.spring.repository.sheets;

import dev.lithair.spring.repository.LithairRepository;

public interface SheetRepository extends LithairRepository<Sheet, String> {
}
