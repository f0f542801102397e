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
        Http http = new Http(port);

        assertThat(http.get("/public/ping").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/hello").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/hello", "alice", "alice-pw").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/hello", "admin", "admin-pw").statusCode()).as("admin lacks USER").isEqualTo(403);
        assertThat(http.get("/elsewhere", "alice", "alice-pw").statusCode()).as("denyAll").isEqualTo(403);
    }

    @Test
    void theAdminRoutesNeedTheAdminRole() {
        Http http = new Http(port);

        assertThat(http.get("/lithair/admin/stats").statusCode()).isEqualTo(401);
        assertThat(http.get("/lithair/admin/stats", "alice", "alice-pw").statusCode()).isEqualTo(403);
        assertThat(http.get("/lithair/admin/stats", "admin", "admin-pw").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/lithair/admin/snapshot", "admin", "admin-pw").statusCode()).isEqualTo(200);
    }

    @Test
    void lithairAddsNoDefaultChainBesideTheApplicationsOwn() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                .containsExactlyInAnyOrder("applicationSecurity", "lithairAdminSecurityFilterChain");
    }
}
