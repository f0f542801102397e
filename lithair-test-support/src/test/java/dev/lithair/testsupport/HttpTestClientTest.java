package dev.lithair.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTestClientTest {

    private HttpServer server;

    /** Answers every request with what it received: method, path, content type, authorization and body. */
    @BeforeEach
    void startEchoServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String echo = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = echo.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Echo", "yes");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200,
                    body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsJsonWithCredentialsAndAnswersStatusHeadersAndBody() {
        // given
        HttpTestClient client = HttpTestClient.localhost(server.getAddress().getPort()).withBasicAuth("ann", "pw");

        // when
        HttpTestClient.Response response = client.postJson("/things?x=1", "{\"a\":1}");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Echo")).isEqualTo("yes");
        assertThat(response.header("X-Absent")).isNull();
        assertThat(response.body()).isEqualTo("POST /things?x=1 application/json Basic YW5uOnB3 {\"a\":1}");
    }

    @Test
    void answersAnErrorStatusAsAResponse() {
        // when
        HttpTestClient.Response response = HttpTestClient.localhost(server.getAddress().getPort())
                .withBearerToken("t0k").get("/missing");

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("GET /missing null Bearer t0k ");
    }
}
