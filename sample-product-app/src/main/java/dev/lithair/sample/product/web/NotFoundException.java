package dev.lithair.sample.product.web;

/** No live entity of a kind has the id asked for (never created, or deleted); answered with 404. */
public class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String kind, String id) {
        super("No " + kind.toLowerCase(java.util.Locale.ROOT) + " with id '" + id + "'");
        this.title = kind + " not found";
    }

    public String title() {
        return title;
    }
}
