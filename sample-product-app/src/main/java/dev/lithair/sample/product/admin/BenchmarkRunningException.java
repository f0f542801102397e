package dev.lithair.sample.product.admin;

/** A benchmark was asked for while one is running. */
public class BenchmarkRunningException extends RuntimeException {

    public BenchmarkRunningException() {
        super("A benchmark is already running; try again when it has finished");
    }
}
