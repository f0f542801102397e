package dev.lithair.spring.repository.memo;

import java.util.List;
import java.util.Optional;

import dev.lithair.spring.repository.LithairRepository;

/** Base-class methods, a fragment overriding one of them, a query method and a default method. */
public interface MemoRepository extends LithairRepository<Memo, String>, MemoCounting {

    List<Memo> findByTopic(String topic);

    default Optional<Memo> firstOfTopic(String topic) {
        return findByTopic(topic).stream().findFirst();
    }
}
