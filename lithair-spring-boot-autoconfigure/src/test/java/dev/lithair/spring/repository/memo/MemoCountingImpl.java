package dev.lithair.spring.repository.memo;

/** Answers a fixed count, so a test can tell the fragment's answer from the base class's. */
public class MemoCountingImpl implements MemoCounting {

    public static final long COUNT = 42;

    @Override
    public long count() {
        return COUNT;
    }
}
