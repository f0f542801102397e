package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.product.ApiClient.Response;

/**
 * The sample in its {@code tenants} profile: two shops on one server, named by the {@code X-Tenant-Id} header or
 * by the sub-domain of the host, each with its own catalogue, history and users; a request naming no shop, or
 * an invalid one, is refused with a problem detail and creates nothing.
 */
class TenantShopsTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext context;
    static int port;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(ProductApplication.class).profiles("tenants")
                .run("--server.port=0", "--lithair.data-dir=" + dataDir, "--lithair.storage.fsync=never");
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static ApiClient shop(String shop) {
        return new ApiClient(port).withHeader("X-Tenant-Id", shop);
    }

    /** The shop's admin, created on the shop's first use with a password written for it alone. */
    private static ApiClient adminOf(String shop) throws IOException {
        assertThat(shop(shop).get("/api/products").status()).isEqualTo(200);
        String password = Files.readString(dataDir.resolve("tenants").resolve(shop + "-first-admin-password"),
                StandardCharsets.UTF_8).strip();
        return shop(shop).as("admin", password);
    }

    private static String create(ApiClient admin, String name, String price) {
        Response created = admin.post("/api/products",
                "{\"name\":\"" + name + "\",\"category\":\"tools\",\"price\":" + price + "}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static List<String> names(Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().get("content").valueStream().map(product -> product.get("name").asString()).toList();
    }

    @Test
    void productsCreatedInOneShopAreSeenThereOnlyByHeaderAndBySubDomain() throws IOException {
        String anvil = create(adminOf("acme"), "Anvil", "49.90");
        String rocket = create(adminOf("globex"), "Rocket", "999.00");

        assertThat(names(shop("acme").get("/api/products"))).contains("Anvil").doesNotContain("Rocket");
        assertThat(names(shop("globex").get("/api/products"))).contains("Rocket").doesNotContain("Anvil");
        assertThat(shop("globex").get("/api/products/" + anvil).status()).isEqualTo(404);
        assertThat(shop("acme").get("/api/products/" + rocket).status()).isEqualTo(404);

        RawResponse acmeByHost = getWithHost("/api/products/" + anvil, "acme.localhost:" + port);
        assertThat(acmeByHost.status()).isEqualTo(200);
        assertThat(acmeByHost.body()).contains("\"name\":\"Anvil\"");
        assertThat(getWithHost("/api/products/" + anvil, "globex.localhost:" + port).status()).isEqualTo(404);
        assertThat(getWithHost("/api/products", "GLOBEX.localhost:" + port).body()).contains("Rocket")
                .doesNotContain("Anvil");
    }

    @Test
    void theEngineBenchmarkWritesInTheShopItWasStartedIn() throws IOException {
        ApiClient acme = adminOf("acme");
        List<String> globexBefore = names(shop("globex").get("/api/products"));

        Response run = acme.post("/api/admin/benchmark-engine?events=60&threads=3", null);

        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().get("events").asInt()).isEqualTo(60);
        assertThat(names(shop("globex").get("/api/products"))).isEqualTo(globexBefore);
    }

    @Test
    void eachShopKeepsTheHistoryOfItsOwnProducts() throws IOException {
        ApiClient acme = adminOf("acme");
        String id = create(acme, "Hammer", "20.00");
        Response updated = acme.put("/api/products/" + id,
                "{\"name\":\"Hammer\",\"category\":\"tools\",\"price\":18.00,\"version\":0}");
        assertThat(updated.status()).isEqualTo(200);

        Response history = shop("acme").get("/api/products/" + id + "/history?field=price");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().valueStream().map(change -> change.get("newValue").asDouble()).toList())
                .containsExactly(20.0, 18.0);
        assertThat(shop("globex").get("/api/products/" + id + "/history?field=price").status()).isEqualTo(404);
    }

    @Test
    void aShopsCredentialsOpenNoOtherShopAndNoPlatformRoute() throws IOException {
        ApiClient acmeAdmin = adminOf("acme");
        adminOf("globex");
        String password = Files.readString(dataDir.resolve("tenants").resolve("acme-first-admin-password")).strip();

        Response elsewhere = shop("globex").as("admin", password).post("/api/products",
                "{\"name\":\"Intruder\",\"category\":\"tools\",\"price\":1}");
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(names(shop("globex").get("/api/products"))).doesNotContain("Intruder");

        Response offBoard = acmeAdmin.delete("/lithair/admin/tenants/globex?confirm=globex");
        assertThat(offBoard.status()).isEqualTo(403);
        assertThat(dataDir.resolve("tenants").resolve("globex")).isDirectory();
    }

    @Test
    void aRequestNamingNoShopGets400AndCreatesNothing() throws IOException {
        List<String> before = filesUnder(dataDir);

        Response noShop = new ApiClient(port).post("/auth/register",
                "{\"username\":\"nobody\",\"password\":\"nobody-password-1\"}");

        assertThat(noShop.status()).isEqualTo(400);
        assertThat(noShop.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noShop.json().get("title").asString()).isEqualTo("No shop");
        assertThat(noShop.json().get("detail").asString()).contains("X-Tenant-Id");
        assertThat(new ApiClient(port).get("/api/products").status()).isEqualTo(400);
        assertThat(filesUnder(dataDir)).isEqualTo(before);
    }

    @Test
    void anInvalidOrUnknownShopGetsAProblemAndCreatesNothing() throws IOException {
        List<String> before = filesUnder(dataDir);
        String register = "{\"username\":\"mallory\",\"password\":\"mallory-password-1\"}";

        for (String invalid : List.of("../acme", "/tmp", "acme.evil", "a b", "x".repeat(64))) {
            Response refused = shop(invalid).post("/auth/register", register);
            assertThat(refused.status()).as(invalid).isEqualTo(400);
            assertThat(refused.json().get("title").asString()).isEqualTo("Invalid shop");
        }
        assertThat(getWithHost("/api/products", "evil.acme.localhost:" + port).status()).isEqualTo(400);
        Response unknown = shop("initech").post("/auth/register", register);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("title").asString()).isEqualTo("Unknown shop");

        assertThat(filesUnder(dataDir)).isEqualTo(before);
    }

    private static List<String> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(path -> directory.relativize(path).toString()).sorted().toList();
        }
    }

    private record RawResponse(int status, String body) {
    }

    /**
     * A GET with the {@code Host} header given: Java's HTTP client does not let a caller set it, and
     * {@code acme.localhost} need not resolve on the test machine, so the request is written on a socket.
     */
    private static RawResponse getWithHost(String path, String host) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new RawResponse(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
