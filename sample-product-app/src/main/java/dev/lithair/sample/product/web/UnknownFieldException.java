package dev.lithair.sample.product.web;

import java.util.Set;
import java.util.TreeSet;

/** A request named a field that the entity does not have. */
public class UnknownFieldException extends RuntimeException {

    public UnknownFieldException(String field, Set<String> known) {
        super("Unknown field '" + field + "'; known fields: " + String.join(", ", new TreeSet<>(known)));
    }
}
