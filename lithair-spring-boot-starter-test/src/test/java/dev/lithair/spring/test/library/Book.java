package dev.lithair.spring.test.library;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Indexed;

/** A book of the library; every change of its copies is kept. */
public record Book(@Id String id, @Indexed String author, @Historize(HistoryPolicy.FULL) int copies,
        @Version Long version) {

    public static Book newBook(String id, String author, int copies) {
        return new Book(id, author, copies, null);
    }
}
