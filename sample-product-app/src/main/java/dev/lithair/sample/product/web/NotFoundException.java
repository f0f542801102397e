package dev.lithair.sample.product.web;

/** No live entity of a kind has the id asked for (never created, or deleted); answered with 404. */
public class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String kind, String id) {
        this(kind, "id", id);
    }

    /** None has {@code value} as its {@code key} (a username, say). */
    public NotFoundException(String kind, String key, String value) {
        super("No " + kind.toLowerCase(java.util.Locale.ROOT) + " with " + key + " '" + value + "'");
        this.title = kind + " not found";
    }

    public String title() {
        return title;
    }
}
