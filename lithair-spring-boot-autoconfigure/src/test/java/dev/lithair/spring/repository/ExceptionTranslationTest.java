package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.spring.core.LithairExceptionTranslator;

class ExceptionTranslationTest {

    private final LithairExceptionTranslator translator = new LithairExceptionTranslator();

    @Test
    void eachEngineRejectionBecomesItsSpringDataAccessExceptionKeepingMessageAndCause() {
        UniqueViolationException unique = new UniqueViolationException("Product", "p2", "sku", "S1", "p1");
        ImmutableFieldException immutable = new ImmutableFieldException("Product", "p1", "launchedOn", "a", "b");
        VersionConflictException stale = new VersionConflictException("Product", "p1", "version", 1L, 2L);

        assertThat(translator.translateExceptionIfPossible(unique)).isInstanceOf(DuplicateKeyException.class)
                .hasMessage(unique.getMessage()).hasCause(unique);
        assertThat(translator.translateExceptionIfPossible(immutable))
                .isExactlyInstanceOf(DataIntegrityViolationException.class).hasCause(immutable);
        assertThat(translator.translateExceptionIfPossible(stale))
                .isInstanceOf(OptimisticLockingFailureException.class).hasCause(stale);
    }

    @Test
    void aValueOverTheStoresLimitsIsADataIntegrityViolationNamingFieldAndLimit() {
        ValueLimitException tooLong = new ValueLimitException("Product", "p1", "description",
                ValueLimits.Limit.STRING_LENGTH, 20_000_001, 20_000_000, "Product p1: description is a text of "
                        + "20000001 characters, more than the limit of 20000000 (max-string-length)");

        assertThat(translator.translateExceptionIfPossible(tooLong))
                .isExactlyInstanceOf(DataIntegrityViolationException.class).hasCause(tooLong)
                .hasMessageContaining("description").hasMessageContaining("max-string-length");
    }

    @Test
    void anUnavailableStoreIsATransientResourceFailureAndForeignExceptionsAreLeftAlone() {
        StoreUnavailableException unavailable = new StoreUnavailableException("the disk is full", null);
        assertThat(translator.translateExceptionIfPossible(unavailable))
                .isInstanceOf(TransientDataAccessResourceException.class).hasMessage("the disk is full")
                .hasCause(unavailable);
        assertThat(translator.translateExceptionIfPossible(new UncheckedIOException(new IOException("disk"))))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
        assertThat(translator.translateExceptionIfPossible(new IllegalArgumentException("not ours"))).isNull();
    }
}
