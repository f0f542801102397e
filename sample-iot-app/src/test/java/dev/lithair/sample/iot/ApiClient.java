package dev.lithair.sample.iot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for a running sample application, answering status and parsed JSON body. */
final class ApiClient {

    /** A response: its status, its raw body and content type. */
    record Response(int status, String body, String contentType) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response getAs(String path, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.noBody()));
    }

    Response postJson(String path, String json) {
        return post(path, "application/json", BodyPublishers.ofString(json));
    }

    Response postJson(String path, Object body) {
        return postJson(path, JSON.writeValueAsString(body));
    }

    Response post(String path, String contentType, BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(body).header("Content-Type", contentType));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
