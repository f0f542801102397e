package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;

import dev.lithair.spring.boot.autoconfigure.fixtures.selfprotected.SelfProtectedApplication;

/**
 * {@code lithair.admin.security.enabled=false}: the application's own chain protects the admin routes,
 * here under another base path and with a role of its own; Lithair contributes no chain.
 */
@SpringBootTest(classes = SelfProtectedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "lithair.storage.fsync=never", "lithair.admin.security.enabled=false",
        "lithair.admin.base-path=/ops/lithair" })
@DirtiesContext
class SelfProtectedApplicationTest extends TemporaryDataDirectory {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsChainDecidesWhoUsesTheAdminRoutesUnderTheConfiguredBasePath() {
        Http http = new Http(port);

        assertThat(http.get("/ops/lithair/stats").statusCode()).isEqualTo(401);
        assertThat(http.get("/ops/lithair/stats", "admin", "admin-pw").statusCode()).as("OPS, not LITHAIR_ADMIN")
                .isEqualTo(403);
        assertThat(http.get("/ops/lithair/stats", "ops", "ops-pw").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/ops/lithair/snapshot", "ops", "ops-pw").statusCode()).isEqualTo(200);
        assertThat(http.get("/lithair/admin/stats", "ops", "ops-pw").statusCode()).as("nothing at the default path")
                .isEqualTo(404);
    }

    @Test
    void lithairContributesNoSecurityFilterChain() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet()).containsExactly("applicationSecurity");
    }
}
