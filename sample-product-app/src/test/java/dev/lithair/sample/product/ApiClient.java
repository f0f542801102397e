package dev.lithair.sample.product;

import java.net.http.HttpRequest.BodyPublishers;

import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running sample's API as its tests call it: the shared HTTP test client, with JSON sent as text and
 * read back with the sample's own Jackson.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpTestClient http;

    public ApiClient(int port) {
        this(HttpTestClient.localhost(port));
    }

    private ApiClient(HttpTestClient http) {
        this.http = http;
    }

    /** This client, sending HTTP Basic credentials. */
    public ApiClient as(String user, String password) {
        return new ApiClient(http.withBasicAuth(user, password));
    }

    /** This client, sending a bearer token. */
    public ApiClient withToken(String token) {
        return new ApiClient(http.withBearerToken(token));
    }

    public ApiClient withHeader(String name, String value) {
        return new ApiClient(http.withHeader(name, value));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    /** Sends {@code json} as {@code application/json}, or no body when it is {@code null}. */
    public Response send(String method, String path, String json) {
        return new Response(json == null ? http.send(method, path)
                : http.send(method, path, "application/json", BodyPublishers.ofString(json)));
    }

    /** A response: status, headers, and the body as text or JSON. */
    public record Response(HttpTestClient.Response raw) {

        public int status() {
            return raw.status();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.header(name);
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }
}
