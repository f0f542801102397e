package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.order.OrderRepository;
import dev.lithair.sample.product.order.OrderStatus;
import dev.lithair.sample.product.user.UserAccountRepository;
import tools.jackson.databind.JsonNode;

/** Orders over HTTP: who may place and see them, their status life and history, and per-customer analytics. */
class OrderApiTest extends SampleApplicationTest {

    @Autowired
    OrderRepository orders;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    ApiClient anonymous;
    ApiClient employee;
    String lamp;
    String chair;

    @BeforeEach
    void catalogue() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        anonymous = new ApiClient(port);
        employee = anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        lamp = employee.post("/api/products", "{\"name\":\"Lamp\",\"category\":\"lighting\",\"price\":10.00}").json()
                .get("id").asString();
        chair = employee.post("/api/products", "{\"name\":\"Chair\",\"category\":\"seating\",\"price\":5.50}").json()
                .get("id").asString();
    }

    /** A new customer, registered and logged in through the API, with a bearer token. */
    private ApiClient newCustomer(String username) {
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"customer password\"}";
        assertThat(anonymous.post("/auth/register", credentials).status()).isEqualTo(201);
        return anonymous.withToken(anonymous.post("/auth/login", credentials).json().get("token").asString());
    }

    private static String uniqueName() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String orderOf(String productId, int quantity) {
        return "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}";
    }

    private JsonNode placed(ApiClient customer, String body) {
        Response response = customer.post("/api/orders", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    @Test
    void aCustomerPlacesAnOrderAtTheCataloguePrices() {
        String name = uniqueName();
        ApiClient customer = newCustomer(name);

        Response response = customer.post("/api/orders", "{\"lines\":[{\"productId\":\"" + lamp
                + "\",\"quantity\":2},{\"productId\":\"" + chair + "\",\"quantity\":1}]}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode order = response.json();
        assertThat(order.get("customer").asString()).isEqualTo(name);
        assertThat(order.get("status").asString()).isEqualTo("PLACED");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(orders.findById(order.get("id").asString())).hasValueSatisfying(stored -> {
            assertThat(stored.lines()).hasSize(2);
            assertThat(stored.lines().get(0).unitPrice()).isEqualByComparingTo("10.00");
        });
    }

    @Test
    void onlyCustomersPlaceOrders() {
        long before = orders.count();

        Response anonymousOrder = anonymous.post("/api/orders", orderOf(lamp, 1));
        Response employeeOrder = employee.post("/api/orders", orderOf(lamp, 1));

        assertThat(anonymousOrder.status()).isEqualTo(401);
        assertThat(employeeOrder.status()).isEqualTo(403);
        assertThat(orders.count()).isEqualTo(before);
    }

    @Test
    void anOrderOfAnUnknownProductOrWithBadLinesIsA400AndStoresNothing() {
        ApiClient customer = newCustomer(uniqueName());
        long before = orders.count();

        Response unknownProduct = customer.post("/api/orders", orderOf("no-such-product", 1));
        Response noLines = customer.post("/api/orders", "{\"lines\":[]}");
        Response zeroQuantity = customer.post("/api/orders", orderOf(lamp, 0));
        Response wrongType = customer.post("/api/orders", "{\"lines\":[{\"productId\":\"" + lamp
                + "\",\"quantity\":\"two\"}]}");
        Response missingField = customer.post("/api/orders", "{}");

        assertThat(List.of(unknownProduct, noLines, zeroQuantity, wrongType, missingField))
                .extracting(Response::status).containsOnly(400);
        assertThat(unknownProduct.json().get("detail").asString()).contains("no-such-product");
        assertThat(orders.count()).isEqualTo(before);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnOrders() {
        String name = uniqueName();
        ApiClient customer = newCustomer(name);
        ApiClient other = newCustomer(uniqueName());
        String mine = placed(customer, orderOf(lamp, 1)).get("id").asString();
        String theirs = placed(other, orderOf(chair, 1)).get("id").asString();

        Response list = customer.get("/api/orders");

        assertThat(list.json().get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(mine);
        assertThat(customer.get("/api/orders/" + mine).status()).isEqualTo(200);
        assertThat(customer.get("/api/orders/" + theirs).status()).isEqualTo(403);
        assertThat(customer.get("/api/orders?customer=someone-else").status()).isEqualTo(403);
        assertThat(customer.get("/api/orders/no-such-order").status()).isEqualTo(404);
    }

    @Test
    void staffListOrdersByCustomerAndByStatus() {
        String name = uniqueName();
        ApiClient customer = newCustomer(name);
        String first = placed(customer, orderOf(lamp, 1)).get("id").asString();
        String second = placed(customer, orderOf(chair, 1)).get("id").asString();
        employee.put("/api/orders/" + first + "/status", "{\"status\":\"PAID\",\"version\":0}");

        Response byCustomer = employee.get("/api/orders?customer=" + name);
        Response paid = employee.get("/api/orders?customer=" + name + "&status=PAID");

        assertThat(byCustomer.json().get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(second, first);
        assertThat(paid.json().get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(first);
        assertThat(employee.get("/api/orders?status=SHIPPED&customer=" + name).json().get("content").isEmpty())
                .isTrue();
        assertThat(employee.get("/api/orders?status=LOST").status()).isEqualTo(400);
    }

    @Test
    void staffMoveAnOrderAlongItsLifeAndEveryStatusIsKept() {
        ApiClient customer = newCustomer(uniqueName());
        String id = placed(customer, orderOf(lamp, 1)).get("id").asString();

        Response paid = employee.put("/api/orders/" + id + "/status", "{\"status\":\"PAID\",\"version\":0}");
        Response shipped = anonymous.as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD)
                .put("/api/orders/" + id + "/status", "{\"status\":\"SHIPPED\",\"version\":1}");
        Response history = customer.get("/api/orders/" + id + "/history");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(shipped.json().get("status").asString()).isEqualTo("SHIPPED");
        assertThat(history.json().valueStream().map(change -> change.get("newValue").asString()))
                .containsExactly("PLACED", "PAID", "SHIPPED");
        assertThat(history.json().valueStream().map(change -> change.get("actor").asString())).last()
                .isEqualTo(SampleUsers.ADMIN);
    }

    @Test
    void anIllegalStaleOrUnauthorisedStatusChangeIsRefusedAndChangesNothing() {
        ApiClient customer = newCustomer(uniqueName());
        String id = placed(customer, orderOf(lamp, 1)).get("id").asString();

        Response illegal = employee.put("/api/orders/" + id + "/status", "{\"status\":\"DELIVERED\",\"version\":0}");
        Response stale = employee.put("/api/orders/" + id + "/status", "{\"status\":\"PAID\",\"version\":7}");
        Response byCustomer = customer.put("/api/orders/" + id + "/status", "{\"status\":\"CANCELLED\",\"version\":0}");
        Response unknown = employee.put("/api/orders/nope/status", "{\"status\":\"PAID\",\"version\":0}");

        assertThat(illegal.status()).isEqualTo(409);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(byCustomer.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void aCustomersAnalyticsFollowTheirOrdersAndLeaveCancelledOnesOut() {
        String name = uniqueName();
        ApiClient customer = newCustomer(name);
        placed(customer, orderOf(lamp, 2));
        String cancelled = placed(customer, orderOf(chair, 1)).get("id").asString();
        placed(customer, orderOf(chair, 2));
        employee.put("/api/orders/" + cancelled + "/status", "{\"status\":\"CANCELLED\",\"version\":0}");

        Response own = customer.get("/api/users/" + name + "/analytics");
        Response byStaff = employee.get("/api/users/" + name + "/analytics");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("orders").asLong()).isEqualTo(2);
        assertThat(own.json().get("totalSpent").decimalValue()).isEqualByComparingTo("31.00");
        assertThat(own.json().get("averageOrder").decimalValue()).isEqualByComparingTo("15.50");
        assertThat(byStaff.json().get("orders").asLong()).isEqualTo(2);
    }

    @Test
    void aCustomerCannotReadAnotherCustomersAnalytics() {
        ApiClient customer = newCustomer(uniqueName());

        assertThat(customer.get("/api/users/" + SampleUsers.CUSTOMER + "/analytics").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/users/" + SampleUsers.CUSTOMER + "/analytics").status()).isEqualTo(401);
        assertThat(employee.get("/api/users/nobody-yet/analytics").json().get("orders").asLong()).isZero();
    }
}
