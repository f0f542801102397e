package dev.lithair.sample.iot;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

import dev.lithair.testsupport.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running sample's API as its tests call it: the shared HTTP test client, with JSON written and read
 * with the sample's own Jackson. Requests wait long, since a test may send batches of thousands of readings.
 */
final class ApiClient {

    /** A response: its status, its raw body and content type. */
    record Response(int status, String body, String contentType) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpTestClient http;

    ApiClient(int port) {
        this.http = HttpTestClient.localhost(port).withTimeout(Duration.ofSeconds(120));
    }

    String base() {
        return http.uri("").toString();
    }

    Response get(String path) {
        return answer(http.get(path));
    }

    Response getAs(String path, String user, String password) {
        return answer(http.withBasicAuth(user, password).get(path));
    }

    Response post(String path) {
        return answer(http.post(path));
    }

    Response postJson(String path, String json) {
        return answer(http.postJson(path, json));
    }

    Response postJson(String path, Object body) {
        return postJson(path, JSON.writeValueAsString(body));
    }

    Response post(String path, String contentType, BodyPublisher body) {
        return answer(http.send("POST", path, contentType, body));
    }

    private static Response answer(HttpTestClient.Response response) {
        return new Response(response.status(), response.body(), response.contentType());
    }
}
