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

import dev.lithair.spring.boot.autoconfigure.fixtures.selfprotected.SelfProtectedApplication;
import dev.lithair.testsupport.HttpTestClient;

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
        HttpTestClient http = HttpTestClient.localhost(port);

        assertThat(http.get("/ops/lithair/stats").status()).isEqualTo(401);
        assertThat(http.withBasicAuth("admin", "admin-pw").get("/ops/lithair/stats").status())
                .as("OPS, not LITHAIR_ADMIN")
                .isEqualTo(403);
        assertThat(http.withBasicAuth("ops", "ops-pw").get("/ops/lithair/stats").status()).isEqualTo(200);
        assertThat(http.withBasicAuth("ops", "ops-pw").send("POST", "/ops/lithair/snapshot").status()).isEqualTo(200);
        assertThat(http.withBasicAuth("ops", "ops-pw").get("/lithair/admin/stats").status())
                .as("nothing at the default path")
                .isEqualTo(404);
    }

    @Test
    void lithairContributesNoSecurityFilterChain() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet()).containsExactly("applicationSecurity");
    }
}
