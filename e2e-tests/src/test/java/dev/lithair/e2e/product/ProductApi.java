package dev.lithair.e2e.product;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product sample's HTTP API, as a client outside the container uses it: on loopback, at the
 * container's published port, writing as a logged-in user (the sample's admin). Thread-safe.
 */
public final class ProductApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final IntSupplier hostPort;
    private final String authorization;
    private final Duration timeout;

    private ProductApi(IntSupplier hostPort, String authorization, Duration timeout) {
        this.hostPort = hostPort;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /**
     * Logs in ({@code POST /auth/login}) as {@code username} and calls with the bearer token it returns.
     * A token rather than HTTP Basic on every request: checking a BCrypt password costs far more CPU than
     * the write it authorises, and the clients here make hundreds.
     */
    public static ProductApi loggedIn(IntSupplier hostPort, String username, String password, Duration timeout)
            throws IOException, InterruptedException {
        ProductApi anonymous = new ProductApi(hostPort, null, timeout);
        HttpRequest login = anonymous.request("/auth/login")
                .POST(json(Map.of("username", username, "password", password)))
                .build();
        String token = JSON.readTree(anonymous.send(login, 200)).get("token").asString();
        return new ProductApi(hostPort, "Bearer " + token, timeout);
    }

    /** Creates a product once per idempotency key: a retry answers with the product the first call made. */
    public Product create(String idempotencyKey, String name, String category, BigDecimal price)
            throws IOException, InterruptedException {
        HttpRequest request = request("/api/products")
                .header("Idempotency-Key", idempotencyKey)
                .POST(json(form(name, category, price, null)))
                .build();
        return JSON.readValue(send(request, 201), Product.class);
    }

    /** Changes the price, carrying the version read (optimistic locking). */
    public Product reprice(Product current, BigDecimal price) throws IOException, InterruptedException {
        HttpRequest request = request("/api/products/" + current.id())
                .PUT(json(form(current.name(), current.category(), price, current.version())))
                .build();
        return JSON.readValue(send(request, 200), Product.class);
    }

    public Optional<Product> find(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/products/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(expect(response, 200), Product.class));
    }

    /** Every retained price of the product, oldest first (the creation's price is the first). */
    public List<BigDecimal> priceHistory(String id) throws IOException, InterruptedException {
        JsonNode changes = JSON.readTree(send(request("/api/products/" + id + "/history?field=price").GET().build(), 200));
        List<BigDecimal> prices = new ArrayList<>();
        for (JsonNode change : changes) {
            prices.add(change.get("newValue").decimalValue());
        }
        return prices;
    }

    /** The whole catalogue, page by page. */
    public List<Product> all() throws IOException, InterruptedException {
        List<Product> products = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(send(request("/api/products?size=200&sort=id&page=" + page).GET().build(), 200));
            for (JsonNode product : body.get("content")) {
                products.add(JSON.treeToValue(product, Product.class));
            }
            if (page + 1 >= body.get("page").get("totalPages").asInt()) {
                return products;
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + hostPort.getAsInt() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private String send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        return expect(http.send(request, HttpResponse.BodyHandlers.ofString()), expectedStatus);
    }

    private static String expect(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new UnexpectedStatusException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body(), response.statusCode());
        }
        return response.body();
    }

    private static Map<String, Object> form(String name, String category, BigDecimal price, Long version) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("category", category);
        form.put("price", price);
        form.put("version", version);
        return form;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    /** The server answered, with another status than the call expects. */
    public static final class UnexpectedStatusException extends RuntimeException {
        private final int status;

        UnexpectedStatusException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
