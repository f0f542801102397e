package dev.lithair.e2e.smoke;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest JVM server, run inside the base image by the smoke test (copied in as one class file, so
 * no anonymous classes here). {@code GET /ping} answers who and what it runs on; {@code GET /peer?host=H}
 * pings another container over the node network, to show the network cut and heal.
 */
public final class PingServer {

    private static final HttpClient PEERS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PingServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/ping", PingServer::ping);
        server.createContext("/peer", exchange -> peer(exchange, port));
        server.start();
    }

    private static void ping(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "host=" + InetAddress.getLocalHost().getHostName()
                + " java.version=" + System.getProperty("java.version")
                + " java.home=" + System.getProperty("java.home"));
    }

    private static void peer(HttpExchange exchange, int port) throws IOException {
        String host = exchange.getRequestURI().getQuery().replaceFirst("^host=", "");
        try {
            HttpResponse<String> response = PEERS.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            respond(exchange, 200, response.body());
        } catch (IOException e) {
            respond(exchange, 502, "unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "interrupted");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
