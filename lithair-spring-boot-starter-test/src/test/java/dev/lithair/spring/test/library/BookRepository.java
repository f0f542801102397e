package dev.lithair.spring.test.library;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface BookRepository extends LithairRepository<Book, String> {

    List<Book> findByAuthor(String author);
}
