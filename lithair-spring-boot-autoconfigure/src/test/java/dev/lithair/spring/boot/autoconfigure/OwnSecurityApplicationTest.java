package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;

import dev.lithair.spring.boot.autoconfigure.fixtures.ownsecurity.OwnSecurityApplication;
import dev.lithair.testsupport.HttpTestClient;

/** An application with its own security filter chain keeps its rules; Lithair adds only the admin rules. */
@SpringBootTest(classes = OwnSecurityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "lithair.storage.fsync=never")
@DirtiesContext
class OwnSecurityApplicationTest extends TemporaryDataDirectory {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsRulesStillApply() {
        HttpTestClient http = HttpTestClient.localhost(port);

        assertThat(http.get("/public/ping").status()).isEqualTo(200);
        assertThat(http.get("/api/hello").status()).isEqualTo(401);
        assertThat(http.withBasicAuth("alice", "alice-pw").get("/api/hello").status()).isEqualTo(200);
        assertThat(http.withBasicAuth("admin", "admin-pw").get("/api/hello").status())
                .as("admin lacks USER").isEqualTo(403);
        assertThat(http.withBasicAuth("alice", "alice-pw").get("/elsewhere").status()).as("denyAll").isEqualTo(403);
    }

    @Test
    void theAdminRoutesNeedTheAdminRole() {
        HttpTestClient http = HttpTestClient.localhost(port);

        assertThat(http.get("/lithair/admin/stats").status()).isEqualTo(401);
        assertThat(http.withBasicAuth("alice", "alice-pw").get("/lithair/admin/stats").status()).isEqualTo(403);
        assertThat(http.withBasicAuth("admin", "admin-pw").get("/lithair/admin/stats").status()).isEqualTo(200);
        assertThat(http.withBasicAuth("admin", "admin-pw").send("POST", "/lithair/admin/snapshot").status())
                .isEqualTo(200);
    }

    @Test
    void lithairAddsNoDefaultChainBesideTheApplicationsOwn() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                .containsExactlyInAnyOrder("applicationSecurity", "lithairAdminSecurityFilterChain");
    }
}
