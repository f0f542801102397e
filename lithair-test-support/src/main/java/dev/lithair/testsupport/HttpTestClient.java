package dev.lithair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP client for the applications a test runs, on {@code java.net.http}: it answers status, headers and
 * body as text, and leaves JSON to the caller, so that it fits a test whatever JSON library it reads with.
 * Each {@code with...} method returns a new client; redirects are not followed, so a test sees them.
 */
public final class HttpTestClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final URI base;
    private final Map<String, String> headers;
    private final Duration timeout;

    private HttpTestClient(URI base, Map<String, String> headers, Duration timeout) {
        this.base = base;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    /** A client for {@code http://localhost:port}. */
    public static HttpTestClient localhost(int port) {
        return at(URI.create("http://localhost:" + port));
    }

    /** A client for the server at {@code base} (scheme, host and port; paths are appended to it). */
    public static HttpTestClient at(URI base) {
        return new HttpTestClient(base, Map.of(), Duration.ofSeconds(30));
    }

    /** This client, sending {@code name: value} with every request. */
    public HttpTestClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpTestClient(base, more, timeout);
    }

    /** This client, sending HTTP Basic credentials. */
    public HttpTestClient withBasicAuth(String user, String password) {
        return withHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** This client, sending a bearer token. */
    public HttpTestClient withBearerToken(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /** This client, giving up on a request after {@code timeout}. */
    public HttpTestClient withTimeout(Duration timeout) {
        return new HttpTestClient(base, headers, timeout);
    }

    /** The address of {@code path} on this client's server. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Response get(String path) {
        return send("GET", path);
    }

    public Response delete(String path) {
        return send("DELETE", path);
    }

    public Response post(String path) {
        return send("POST", path);
    }

    /** Sends {@code json} (text the caller wrote) as {@code application/json}. */
    public Response postJson(String path, String json) {
        return send("POST", path, "application/json", BodyPublishers.ofString(json));
    }

    /** Sends {@code json} (text the caller wrote) as {@code application/json}. */
    public Response putJson(String path, String json) {
        return send("PUT", path, "application/json", BodyPublishers.ofString(json));
    }

    /** A request without a body. */
    public Response send(String method, String path) {
        return send(method, path, null, BodyPublishers.noBody());
    }

    /** A request with a body of {@code contentType}; a {@code null} content type sends no such header. */
    public Response send(String method, String path, String contentType, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri(path), e);
        }
    }

    /** A response: its status, its headers and its body as text. */
    public record Response(int status, HttpHeaders headers, String body) {

        /** The first value of header {@code name}, or {@code null} when there is none. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The content type, or an empty string when the response has none. */
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
