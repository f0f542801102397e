package dev.lithair.spring.repository.memo;

import dev.lithair.spring.repository.LithairRepository;

/** Only the base-class methods. */
public interface PlainMemoRepository extends LithairRepository<Memo, String> {
}
