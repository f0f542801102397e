package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.history.Erasure;
import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.order.Order;
import dev.lithair.sample.product.order.OrderRepository;
import dev.lithair.sample.product.order.OrderStatus;
import dev.lithair.sample.product.user.UserAccountRepository;
import dev.lithair.store.LithairStore;
import tools.jackson.databind.JsonNode;

/**
 * An admin erases a customer (right to erasure): account and sessions gone, orders kept for the books under a
 * pseudonym, and after a compaction no byte of the name left in the data directory.
 */
class CustomerErasureTest extends SampleApplicationTest {

    private static final String PASSWORD = "customer password";

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    LithairStore store;

    @Autowired
    OrderRepository orders;

    @Autowired
    PlatformTransactionManager transactionManager;

    ApiClient anonymous;
    ApiClient employee;
    ApiClient admin;
    String lamp;
    String chair;

    @BeforeEach
    void catalogue() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        anonymous = new ApiClient(port);
        employee = anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        admin = anonymous.as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);
        lamp = employee.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"erasure\",\"price\":10.00}").json()
                .get("id").asString();
        chair = employee.post("/api/products", "{\"name\":\"Chair\",\"category\":\"erasure\",\"price\":5.50}").json()
                .get("id").asString();
    }

    /** A name found nowhere else: whatever of it is stored, a byte search finds. */
    private static String markedName() {
        return "gdpr-marker-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private void register(String username) {
        Response registered = anonymous.post("/auth/register", credentials(username));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    private String login(String username) {
        Response login = anonymous.post("/auth/login", credentials(username));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asString();
    }

    private JsonNode place(ApiClient customer, String lines) {
        Response placed = customer.post("/api/orders", "{\"lines\":[" + lines + "]}");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json();
    }

    private String line(String productId, int quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    private Response erase(ApiClient caller, String username) {
        return caller.post("/api/admin/customers/" + username + "/erasure", null);
    }

    private JsonNode changeStatus(String orderId, String status) {
        Response changed = employee.put("/api/orders/" + orderId + "/status", "{\"status\":\"" + status
                + "\",\"version\":0}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        return changed.json();
    }

    private List<String> orderIdsOf(ApiClient caller, String customer) {
        return caller.get("/api/orders?customer=" + customer).json().get("content").valueStream()
                .map(order -> order.get("id").asString()).toList();
    }

    @Test
    void anErasedCustomerIsGoneTheirOrdersStayUnderAPseudonymAndCompactionLeavesNoByteOfTheirName() {
        String name = markedName();
        register(name);
        String session = login(name);
        String otherSession = login(name);
        ApiClient loggedOut = anonymous.withToken(login(name));
        assertThat(loggedOut.post("/auth/logout", null).status()).isEqualTo(204);
        ApiClient customer = anonymous.withToken(session);
        JsonNode paid = changeStatus(place(customer, line(lamp, 2)).get("id").asString(), "PAID");
        JsonNode cancelled = changeStatus(place(customer, line(chair, 1)).get("id").asString(), "CANCELLED");
        JsonNode placed = place(customer, line(lamp, 1) + "," + line(chair, 2));
        Map<String, JsonNode> before = List.of(paid, cancelled, placed).stream()
                .collect(Collectors.toMap(order -> order.get("id").asString(), Function.identity()));
        assertThat(StoredBytes.filesContaining(dataDir(), name)).as("the search finds the name while stored")
                .isNotEmpty();
        int erasuresBefore = store.erasures().size();

        Response erased = erase(admin, name);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        JsonNode result = erased.json();
        assertThat(result.get("username").asString()).isEqualTo(name);
        assertThat(result.get("sessionsErased").asInt()).isEqualTo(2);
        assertThat(result.get("ordersPseudonymised").asInt()).isEqualTo(3);
        String pseudonym = result.get("pseudonym").asString();
        assertThat(pseudonym).startsWith("erased-").doesNotContain(name).hasSizeGreaterThan(40);

        assertThat(anonymous.post("/auth/login", credentials(name)).status()).isEqualTo(401);
        Response withOldToken = anonymous.withToken(otherSession).get("/api/orders");
        assertThat(withOldToken.status()).isEqualTo(401);
        assertThat(customer.get("/api/users/" + name + "/analytics").status()).isEqualTo(401);

        for (JsonNode original : before.values()) {
            String id = original.get("id").asString();
            Response byEmployee = employee.get("/api/orders/" + id);
            assertThat(byEmployee.status()).as(byEmployee.toString()).isEqualTo(200);
            JsonNode order = byEmployee.json();
            assertThat(order.get("customer").asString()).isEqualTo(pseudonym);
            assertThat(order.get("lines")).isEqualTo(original.get("lines"));
            assertThat(order.get("total").decimalValue()).isEqualByComparingTo(original.get("total").decimalValue());
            assertThat(order.get("status")).isEqualTo(original.get("status"));
            assertThat(order.get("placedAt").asString()).as("placedAt of %s", id)
                    .isEqualTo(original.get("placedAt").asString());
            List<JsonNode> history = admin.get("/api/orders/" + id + "/history").json().valueStream().toList();
            assertThat(history).as("the status history restarts at the erasure, by the admin").singleElement()
                    .satisfies(change -> {
                        assertThat(change.get("newValue")).isEqualTo(original.get("status"));
                        assertThat(change.get("actor").asString()).isEqualTo(SampleUsers.ADMIN);
                    });
        }
        assertThat(orderIdsOf(employee, name)).isEmpty();
        assertThat(orderIdsOf(admin, pseudonym)).containsExactlyInAnyOrderElementsOf(before.keySet());
        JsonNode analyticsOfName = employee.get("/api/users/" + name + "/analytics").json();
        assertThat(analyticsOfName.get("orders").asLong()).isZero();
        assertThat(analyticsOfName.get("totalSpent").decimalValue()).isZero();
        JsonNode analyticsOfPseudonym = employee.get("/api/users/" + pseudonym + "/analytics").json();
        assertThat(analyticsOfPseudonym.get("orders").asLong()).as("the cancelled order left out").isEqualTo(2);
        assertThat(analyticsOfPseudonym.get("totalSpent").decimalValue()).isEqualByComparingTo("41.00");

        List<Erasure> erasures = store.erasures().subList(erasuresBefore, store.erasures().size());
        assertThat(erasures).extracting(Erasure::entityType).containsOnly("UserAccount", "AccessToken", "Order")
                .hasSize(1 + 2 + 3);
        assertThat(erasures).extracting(Erasure::entityId).noneMatch(id -> id.contains(name))
                .containsAll(before.keySet());
        assertThat(erasures).extracting(Erasure::actor).containsOnly(SampleUsers.ADMIN);

        Response compacted = admin.post("/lithair/admin/compact", null);

        assertThat(compacted.status()).as(compacted.toString()).isEqualTo(200);
        assertThat(StoredBytes.filesContaining(dataDir(), name)).as("files holding the erased name").isEmpty();
    }

    @Test
    void theErasedNameCanBeRegisteredAgainAndSeesNoneOfTheOldOrders() {
        String name = markedName();
        register(name);
        place(anonymous.withToken(login(name)), line(lamp, 3));
        assertThat(erase(admin, name).status()).isEqualTo(200);

        register(name);
        ApiClient newcomer = anonymous.withToken(login(name));

        assertThat(newcomer.get("/api/orders").json().get("content").isEmpty()).isTrue();
        assertThat(newcomer.get("/api/users/" + name + "/analytics").json().get("orders").asLong()).isZero();
    }

    @Test
    void aCustomerWithoutOrdersOrSessionsIsErasedToo() {
        String name = markedName();
        register(name);

        Response erased = erase(admin, name);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("sessionsErased").asInt()).isZero();
        assertThat(erased.json().get("ordersPseudonymised").asInt()).isZero();
        assertThat(users.existsByUsername(name)).isFalse();
    }

    /**
     * What the erasure relies on: erasing and storing anew check no version, so it first saves each order
     * unchanged with the version it read; an order changed since (an employee paid it) then fails the commit.
     */
    @Test
    void anOrderChangedSinceTheErasureReadItFailsTheErasingCommitInsteadOfLosingTheChange() {
        String name = markedName();
        register(name);
        String id = place(anonymous.withToken(login(name)), line(lamp, 1)).get("id").asString();
        Order read = orders.findById(id).orElseThrow();
        changeStatus(id, "PAID");

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            orders.save(read);
            orders.erase(read.id());
            orders.save(read.pseudonymisedAs("erased-in-a-test"));
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(orders.findById(id)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.customer()).isEqualTo(name);
        });
    }

    @Test
    void onlyAdminsEraseCustomers() {
        String name = markedName();
        register(name);
        ApiClient customer = anonymous.withToken(login(name));

        assertThat(erase(anonymous, name).status()).isEqualTo(401);
        assertThat(erase(customer, name).status()).isEqualTo(403);
        Response byEmployee = erase(employee, name);

        assertThat(byEmployee.status()).isEqualTo(403);
        assertThat(byEmployee.header("Content-Type")).startsWith("application/problem+json");
        assertThat(users.existsByUsername(name)).isTrue();
        assertThat(customer.get("/api/orders").status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserIsA404Problem() {
        Response response = erase(admin, "nobody-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("title").asString()).isEqualTo("User not found");
    }

    @Test
    void staffAccountsAreRefusedWithA409AndKept() {
        Response employeeErasure = erase(admin, SampleUsers.EMPLOYEE);
        Response adminErasure = erase(admin, SampleUsers.ADMIN);

        assertThat(employeeErasure.status()).isEqualTo(409);
        assertThat(employeeErasure.json().get("title").asString()).isEqualTo("Not a customer");
        assertThat(employeeErasure.json().get("detail").asString()).contains("EMPLOYEE")
                .contains("only customer accounts");
        assertThat(adminErasure.status()).isEqualTo(409);
        assertThat(users.existsByUsername(SampleUsers.EMPLOYEE)).isTrue();
        assertThat(users.existsByUsername(SampleUsers.ADMIN)).isTrue();
        assertThat(anonymous.post("/auth/login", "{\"username\":\"" + SampleUsers.EMPLOYEE + "\",\"password\":\""
                + SampleUsers.PASSWORD + "\"}").status()).isEqualTo(200);
    }
}
