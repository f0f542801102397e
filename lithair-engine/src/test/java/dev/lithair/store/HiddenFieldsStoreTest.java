package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;

/**
 * What an entity's JSON hides from an application's API (a password hash, typically) is still stored:
 * Jackson's hiding annotations say what the API shows, not what the store keeps.
 */
class HiddenFieldsStoreTest {

    record Account(String id, @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String passwordHash,
            @JsonIgnore String recoveryCode, String name) {
    }

    @JsonIgnoreProperties("secret")
    static class Vault {
        String id;
        String secret;
        @JsonIgnore
        String pin;

        Vault() {
        }

        Vault(String id, String secret, String pin) {
            this.id = id;
            this.secret = secret;
            this.pin = pin;
        }
    }

    @TempDir
    Path dir;

    private LithairStore open() {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                List.of(EntityModel.of(Account.class, HistoryPolicy.NONE), EntityModel.of(Vault.class, HistoryPolicy.NONE)));
    }

    @Test
    void fieldsTheJsonHidesAreWrittenToTheLogAndComeBackAfterARestart() {
        Account account = new Account("a1", "{bcrypt}$2a$10$hash", "recovery-123", "Ann");
        try (LithairStore store = open()) {
            CommitResult created = store.commit(Commit.of(new Operation.Put("Account", "a1", account)));

            assertThat(created.events().get(0).payload().toString()).contains("\"passwordHash\":\"{bcrypt}$2a$10$hash\"")
                    .contains("\"recoveryCode\":\"recovery-123\"");
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Account.class, "a1")).contains(account);
        }
    }

    @Test
    void aChangeToAHiddenFieldIsAnUpdateOfThatField() {
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Account", "a1", new Account("a1", "old-hash", null, "Ann"))));

            CommitResult update = store.commit(Commit.of(new Operation.Put("Account", "a1",
                    new Account("a1", "new-hash", null, "Ann"))));

            assertThat(update.events().get(0).payload().toString())
                    .isEqualTo("{\"passwordHash\":{\"old\":\"old-hash\",\"new\":\"new-hash\"}}");
        }
    }

    @Test
    void aClassKeepsFieldsItsJsonIgnoresByNameOrMarker() {
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Vault", "v1", new Vault("v1", "s3cret", "1234"))));
        }
        try (LithairStore reopened = open()) {
            Vault vault = reopened.find(Vault.class, "v1").orElseThrow();

            assertThat(vault.secret).isEqualTo("s3cret");
            assertThat(vault.pin).isEqualTo("1234");
        }
    }
}
