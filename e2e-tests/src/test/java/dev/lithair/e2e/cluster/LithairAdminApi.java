package dev.lithair.e2e.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.IntSupplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Lithair's admin routes of one node, as an operator calls them: on loopback, HTTP Basic with an admin
 * role. Used to find the leader and to see the nodes converge, never to check data.
 */
final class LithairAdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final IntSupplier hostPort;
    private final String authorization;

    LithairAdminApi(IntSupplier hostPort, String username, String password) {
        this.hostPort = hostPort;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    ClusterReport cluster() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + hostPort.getAsInt() + "/lithair/admin/cluster"))
                .timeout(Duration.ofSeconds(3))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /lithair/admin/cluster answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), ClusterReport.class);
    }
}
