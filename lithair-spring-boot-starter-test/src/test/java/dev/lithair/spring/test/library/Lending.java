package dev.lithair.spring.test.library;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lends books: a service that a repository slice leaves out unless the test includes it. */
@Service
public class Lending {

    private final BookRepository books;

    public Lending(BookRepository books) {
        this.books = books;
    }

    /** Takes one copy of each book, all or none. */
    @Transactional
    public void lendOneOfEach(String... ids) {
        for (String id : ids) {
            Book book = books.findById(id).orElseThrow();
            if (book.copies() == 0) {
                throw new IllegalStateException("no copy of " + id + " left");
            }
            books.save(new Book(book.id(), book.author(), book.copies() - 1, book.version()));
        }
    }
}
