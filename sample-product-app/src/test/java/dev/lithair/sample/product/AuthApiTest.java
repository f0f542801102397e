package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.auth.AccessToken;
import dev.lithair.sample.product.auth.AccessTokenIssuer;
import dev.lithair.sample.product.auth.AccessTokenRepository;
import dev.lithair.sample.product.user.Role;
import dev.lithair.sample.product.user.UserAccountRepository;

/** Registering, logging in for a bearer token, using it, logging out; and what is stored meanwhile. */
class AuthApiTest extends SampleApplicationTest {

    @Autowired
    UserAccountRepository users;

    @Autowired
    AccessTokenRepository tokens;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    AccessTokenIssuer issuer;

    ApiClient anonymous;

    @BeforeEach
    void clients() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        anonymous = new ApiClient(port);
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private String login(String username, String password) {
        Response response = anonymous.post("/auth/login", credentials(username, password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("token").asString();
    }

    @Test
    void anyoneRegistersAsACustomerAndLogsInForABearerToken() {
        Response registered = anonymous.post("/auth/register", credentials("dana", "a long enough password"));
        Response login = anonymous.post("/auth/login", credentials("dana", "a long enough password"));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("role").asString()).isEqualTo("CUSTOMER");
        assertThat(users.findByUsername("dana").orElseThrow().role()).isEqualTo(Role.CUSTOMER);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("token").asString()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(login.json().get("role").asString()).isEqualTo("CUSTOMER");
    }

    @Test
    void onlyHashesOfPasswordsAndTokensAreStored() throws IOException {
        anonymous.post("/auth/register", credentials("hashy", "my-plain-password-1"));
        String token = login("hashy", "my-plain-password-1");

        assertThat(users.findByUsername("hashy").orElseThrow().passwordHash()).startsWith("{bcrypt}")
                .doesNotContain("my-plain-password-1");
        assertThat(tokens.findById(token)).isEmpty();
        assertThat(tokens.findByUsername("hashy")).singleElement()
                .satisfies(session -> assertThat(session.tokenHash()).hasSize(64).isNotEqualTo(token));
        assertThat(storedText()).doesNotContain("my-plain-password-1").doesNotContain(token).contains("hashy");
    }

    private static String storedText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir())) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return text.toString();
    }

    @Test
    void aBearerTokenCarriesTheUsersRole() {
        String employeeToken = login(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        String customerToken = login(SampleUsers.CUSTOMER, SampleUsers.PASSWORD);
        String product = "{\"name\":\"Lamp\",\"category\":\"bearer\",\"price\":10}";

        Response byEmployee = anonymous.withToken(employeeToken).post("/api/products", product);
        Response byCustomer = anonymous.withToken(customerToken).post("/api/products", product);

        assertThat(byEmployee.status()).isEqualTo(201);
        assertThat(byCustomer.status()).isEqualTo(403);
        String id = byEmployee.json().get("id").asString();
        assertThat(anonymous.get("/api/products/" + id + "/history?field=price").json().get(0).get("actor")
                .asString()).isEqualTo(SampleUsers.EMPLOYEE);
    }

    @Test
    void afterLogoutTheTokenIsRefused() {
        String token = login(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        ApiClient employee = anonymous.withToken(token);

        Response logout = employee.post("/auth/logout", null);
        Response after = employee.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"late\",\"price\":1}");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("Content-Type")).startsWith("application/problem+json");
        assertThat(after.json().get("detail").asString()).contains("revoked");
    }

    @Test
    void anUnknownTokenIsA401Problem() {
        Response response = anonymous.withToken("not-a-token").post("/auth/logout", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void logoutWithoutATokenIsRefused() {
        assertThat(anonymous.post("/auth/logout", null).status()).isEqualTo(401);
        assertThat(anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD).post("/auth/logout", null).status())
                .isEqualTo(400);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        Response wrongPassword = anonymous.post("/auth/login", credentials(SampleUsers.EMPLOYEE, "wrong password!"));
        Response unknownUser = anonymous.post("/auth/login", credentials("nobody", "wrong password!"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail").asString())
                .isEqualTo(unknownUser.json().get("detail").asString());
    }

    @Test
    void aTakenUsernameIsA409AndKeepsTheFirstAccount() {
        anonymous.post("/auth/register", credentials("taken", "first password 1"));

        Response second = anonymous.post("/auth/register", credentials("taken", "second password 2"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(anonymous.post("/auth/login", credentials("taken", "first password 1")).status()).isEqualTo(200);
        assertThat(anonymous.post("/auth/login", credentials("taken", "second password 2")).status()).isEqualTo(401);
    }

    @Test
    void anInvalidRegistrationIsA400AndStoresNothing() {
        Response shortPassword = anonymous.post("/auth/register", credentials("shorty", "short"));
        Response badName = anonymous.post("/auth/register", credentials("Bad Name!", "a long enough password"));
        Response malformed = anonymous.post("/auth/register", "{\"username\":");

        assertThat(List.of(shortPassword.status(), badName.status(), malformed.status())).containsOnly(400);
        assertThat(shortPassword.json().get("errors").propertyNames()).containsExactly("password");
        assertThat(users.existsByUsername("shorty")).isFalse();
        assertThat(users.existsByUsername("Bad Name!")).isFalse();
    }

    @Test
    void theFirstAdminLogsInWithTheConfiguredPassword() {
        Response login = anonymous.post("/auth/login", credentials(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void expiredSessionsArePurgedAndLiveOnesKept() {
        String live = login(SampleUsers.CUSTOMER, SampleUsers.PASSWORD);
        tokens.save(new AccessToken("0".repeat(64), SampleUsers.CUSTOMER, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-01T08:00:00Z")));

        int purged = issuer.purgeExpired();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(tokens.existsById("0".repeat(64))).isFalse();
        assertThat(anonymous.withToken(live).get("/api/users/" + SampleUsers.CUSTOMER + "/analytics").status())
                .isEqualTo(200);
    }
}
