package dev.lithair.spring.repository.notes;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface NoteRepository extends LithairRepository<Note, String> {

    List<Note> findByAuthor(String author);
}
