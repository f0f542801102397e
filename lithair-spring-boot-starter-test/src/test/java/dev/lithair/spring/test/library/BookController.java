package dev.lithair.spring.test.library;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The library's web API: a bean that a repository slice leaves out. */
@RestController
class BookController {

    private final BookRepository books;

    BookController(BookRepository books) {
        this.books = books;
    }

    @GetMapping("/books")
    List<Book> books() {
        return books.findAll();
    }
}
