package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.testsupport.SmallDisk;
import tools.jackson.databind.JsonNode;

/**
 * The sample on a data directory that fills up (a 2 MB tmpfs), over HTTP: while the disk is full a
 * POST answers 503 with {@code Retry-After} and a problem detail, and the health is DOWN naming the
 * cause; once space is freed POSTs answer 201 again without a restart; after a restart every product
 * answered 201 is there, and no other.
 */
class DiskFullTest {

    private static final int MAX_POSTS = 5_000;
    private static final String LONG_NAME = "n".repeat(190);

    @TempDir
    Path dir;

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ProductApplication.class).run("--server.port=0",
                "--lithair.data-dir=" + dataDir, "--sample.admin.password=" + SampleUsers.ADMIN_PASSWORD,
                "--management.endpoint.health.show-details=always", "--spring.main.banner-mode=off",
                // Small segments: each is filled ahead only up to its size, so a full disk shows within a
                // few dozen writes instead of after a megabyte of them.
                "--lithair.storage.segment-size=64KB");
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The admin with a bearer token: one password check, not one per request. */
    private static ApiClient adminWithToken(ApiClient anonymous) {
        String token = anonymous.post("/auth/login", "{\"username\":\"" + SampleUsers.ADMIN + "\",\"password\":\""
                + SampleUsers.ADMIN_PASSWORD + "\"}").json().get("token").asString();
        return anonymous.withToken(token);
    }

    private static Response postProduct(ApiClient admin, int index) {
        return admin.post("/api/products", "{\"name\":\"" + LONG_NAME + index + "\",\"category\":\"disk\",\"price\":1}");
    }

    @Test
    void whileTheDiskIsFullPostsAnswer503WithRetryAfterAndOnceSpaceIsFreedTheyAnswer201WithoutARestart() {
        List<String> created = new ArrayList<>();
        int refused = 0;
        int beforeFull;
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small-disk"), "2m")) {
            Path dataDir = disk.path().resolve("data");
            try (ConfigurableApplicationContext app = start(dataDir)) {
                ApiClient anonymous = new ApiClient(portOf(app));
                ApiClient admin = adminWithToken(anonymous);
                Response first = postProduct(admin, -1);
                assertThat(first.status()).isEqualTo(201);
                created.add(first.json().get("id").asString());

                disk.fill();
                Response unavailable = null;
                for (int i = 0; i < MAX_POSTS && unavailable == null; i++) {
                    Response response = postProduct(admin, i);
                    if (response.status() == 201) {
                        created.add(response.json().get("id").asString());
                    } else {
                        unavailable = response;
                    }
                }
                beforeFull = created.size();

                assertThat(unavailable).as("a POST refused within %d", MAX_POSTS).isNotNull();
                refused++;
                assertThat(unavailable.status()).isEqualTo(503);
                assertThat(unavailable.header("Retry-After")).isNotBlank();
                assertThat(unavailable.header("Content-Type")).startsWith("application/problem+json");
                assertThat(unavailable.json().get("status").asInt()).isEqualTo(503);
                assertThat(unavailable.json().get("detail").asString()).contains("No space left on device");
                Response health = anonymous.get("/actuator/health");
                assertThat(health.status()).isEqualTo(503);
                JsonNode lithair = health.json().get("components").get("lithair");
                assertThat(lithair.get("status").asString()).isEqualTo("DOWN");
                assertThat(lithair.get("details").get("reason").asString()).contains("No space left on device");
                Response stillFull = postProduct(admin, MAX_POSTS);
                if (stillFull.status() == 201) {
                    created.add(stillFull.json().get("id").asString());
                } else {
                    assertThat(stillFull.status()).isEqualTo(503);
                    refused++;
                }

                disk.free();
                await().atMost(Duration.ofSeconds(30)).until(() -> anonymous.get("/actuator/health").status() == 200);
                for (int i = 0; i < 10; i++) {
                    Response response = postProduct(admin, MAX_POSTS + 1 + i);
                    assertThat(response.status()).as("POST after space was freed: %s", response).isEqualTo(201);
                    created.add(response.json().get("id").asString());
                }
            }
            try (ConfigurableApplicationContext restarted = start(dataDir)) {
                ApiClient admin = adminWithToken(new ApiClient(portOf(restarted)));
                long lost = created.stream().filter(id -> admin.get("/api/products/" + id).status() != 200).count();
                long stored = admin.get("/api/products?category=disk&size=1").json().get("page").get("totalElements")
                        .asLong();

                assertThat(lost).isZero();
                assertThat(stored).as("products after the restart: every 201 and no other").isEqualTo(created.size());
                System.out.printf("Full-disk HTTP test: %d POSTs answered 201 (%d until the disk refused a write, %d "
                        + "after space was freed), %d answered 503 while full, lost %d after a restart%n",
                        created.size(), beforeFull, created.size() - beforeFull, refused, lost);
            }
        }
    }
}
