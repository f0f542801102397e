package dev.lithair.spring.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small web application on Lithair (its classes in {@code library}), with security and a service, for the slice's tests. */
@SpringBootApplication
public class LibraryApplication {
}
