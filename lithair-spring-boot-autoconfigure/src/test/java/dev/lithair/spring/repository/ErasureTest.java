package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.lithair.event.EventType;
import dev.lithair.history.Erasure;
import dev.lithair.spring.repository.shop.CurrentUser;
import dev.lithair.spring.repository.shop.Product;

class ErasureTest extends ShopTest {

    @Test
    void anErasedProductAndItsHistoryAreGoneAndListenersAreToldWithoutItsValues() {
        CurrentUser.actAs("dpo");
        Product kept = products.save(Product.of("e1", "MARKER-NAME-kept", "lighting", "10"));
        Product erased = products.save(Product.of("e2", "MARKER-NAME-erased", "lighting", "10"));
        products.save(erased.withName("MARKER-NAME-erased-v2").withPrice("12"));
        changes.clear();

        products.erase("e2");

        assertThat(products.findById("e2")).isEmpty();
        assertThat(products.history("e2")).isEmpty();
        assertThat(products.findById("e1")).contains(kept);
        assertThat(changes.products()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(EventType.ERASED);
            assertThat(change.id()).isEqualTo("e2");
            assertThat(change.entity()).isNull();
            assertThat(change.actor()).isEqualTo("dpo");
        });
        assertThat(store.erasures()).extracting(Erasure::entityId, Erasure::actor).endsWith(tuple("e2", "dpo"));
    }

    @Test
    void afterCompactionNoFileOfTheDataDirectoryHoldsTheErasedValues() throws IOException {
        products.save(Product.of("e3", "MARKER-NAME-e3", "lighting", "10"));
        products.save(products.findById("e3").orElseThrow().withName("MARKER-NAME-e3-v2"));
        products.save(Product.of("e4", "MARKER-NAME-e4", "lighting", "10"));
        products.deleteById("e3"); // a deleted product keeps an audit trail, which the erasure removes too
        products.erase("e3");

        store.compact().join();

        assertThat(filesHolding("MARKER-NAME-e3")).isEmpty();
        assertThat(filesHolding("MARKER-NAME-e4")).isNotEmpty();
    }

    private static List<String> filesHolding(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker)) {
                    found.add(dataDir().relativize(file).toString());
                }
            }
        }
        return found;
    }
}
