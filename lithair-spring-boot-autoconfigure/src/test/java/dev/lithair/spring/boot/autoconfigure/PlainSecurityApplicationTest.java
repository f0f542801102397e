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
        Http http = new Http(port);

        assertThat(http.get("/api/hello").statusCode()).isEqualTo(401);
        assertThat(http.send("GET", "/api/hello", null, null, "text/html").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(http.get("/api/hello", "alice", "alice-pw").body()).isEqualTo("hello");
        assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
                .containsExactlyInAnyOrder("lithairAdminSecurityFilterChain", "lithairDefaultSecurityFilterChain");
    }

    @Test
    void theAdminRoutesNeedTheAdminRole() {
        Http http = new Http(port);

        assertThat(http.get("/lithair/admin/stats").statusCode()).isEqualTo(401);
        assertThat(http.get("/lithair/admin/stats", "alice", "alice-pw").statusCode()).isEqualTo(403);
        assertThat(http.get("/lithair/admin/stats", "admin", "admin-pw").statusCode()).isEqualTo(200);
    }
}
