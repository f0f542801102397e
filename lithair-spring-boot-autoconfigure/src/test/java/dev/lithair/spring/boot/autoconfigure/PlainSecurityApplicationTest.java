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

import dev.lithair.spring.boot.autoconfigure.fixtures.plainsecurity.PlainSecurityApplication;
import dev.lithair.testsupport.HttpTestClient;

/**
 * Without Spring Boot's default chain, Spring Security protects every request only while no chain bean
 * exists; Lithair's admin chain would end that, so Lithair puts the same default back.
 */
@SpringBootTest(classes = PlainSecurityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "lithair.storage.fsync=never",
        "spring.autoconfigure.exclude="
                + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@DirtiesContext
class PlainSecurityApplicationTest extends TemporaryDataDirectory {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsRoutesStayAuthenticatedWithFormLoginAndBasic() {
        HttpTestClient http = HttpTestClient.localhost(port);

        assertThat(http.get("/api/hello").status()).isEqualTo(401);
        assertThat(http.withHeader("Accept", "text/html").send("GET", "/api/hello").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(http.withBasicAuth("alice", "alice-pw").get("/api/hello").body()).isEqualTo("hello");
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                .containsExactlyInAnyOrder("lithairAdminSecurityFilterChain", "lithairDefaultSecurityFilterChain");
    }

    @Test
    void theAdminRoutesNeedTheAdminRole() {
        HttpTestClient http = HttpTestClient.localhost(port);

        assertThat(http.get("/lithair/admin/stats").status()).isEqualTo(401);
        assertThat(http.withBasicAuth("alice", "alice-pw").get("/lithair/admin/stats").status()).isEqualTo(403);
        assertThat(http.withBasicAuth("admin", "admin-pw").get("/lithair/admin/stats").status()).isEqualTo(200);
    }
}
