package dev.lithair.spring.repository.memo;

/** A fragment that re-implements a base-class method: its implementation must win over the base class. */
public interface MemoCounting {

    long count();
}
