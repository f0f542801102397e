package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.ApiClient.Response;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.user.UserAccountRepository;
import tools.jackson.databind.JsonNode;

/** The catalogue's routes over HTTP: statuses, bodies, and what is stored after each call. */
class ProductApiTest extends SampleApplicationTest {

    @Autowired
    ProductRepository products;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    ApiClient anonymous;
    ApiClient employee;
    ApiClient customer;
    ApiClient admin;

    @BeforeEach
    void clients() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        anonymous = new ApiClient(port);
        employee = anonymous.as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        customer = anonymous.as(SampleUsers.CUSTOMER, SampleUsers.PASSWORD);
        admin = anonymous.as(SampleUsers.ADMIN, SampleUsers.ADMIN_PASSWORD);
    }

    private static String uniqueCategory() {
        return "cat-" + UUID.randomUUID();
    }

    private static String form(String name, String category, String price) {
        return "{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"price\":" + price + "}";
    }

    private static String form(String name, String category, String price, long version) {
        return "{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"price\":" + price + ",\"version\":"
                + version + "}";
    }

    private JsonNode created(String name, String category, String price) {
        Response response = employee.post("/api/products", form(name, category, price));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    @Test
    void anEmployeeCreatesAProductWhichIsStoredWithAnIdAndVersionZero() {
        String category = uniqueCategory();

        Response response = employee.post("/api/products", form("Desk lamp", category, "39.90"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        String id = body.get("id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/products/" + id);
        assertThat(body.get("name").asString()).isEqualTo("Desk lamp");
        assertThat(body.get("price").decimalValue()).isEqualByComparingTo("39.90");
        assertThat(body.get("version").asLong()).isZero();
        assertThat(body.get("createdAt").asString()).isNotBlank();
        assertThat(products.findById(id)).hasValueSatisfying(stored -> {
            assertThat(stored.category()).isEqualTo(category);
            assertThat(stored.price()).isEqualByComparingTo("39.90");
        });
    }

    @Test
    void anAdminMayAlsoCreateProducts() {
        Response response = admin.post("/api/products", form("Chair", uniqueCategory(), "120"));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void creatingWithoutCredentialsIsRefusedWith401AndStoresNothing() {
        String category = uniqueCategory();

        Response response = anonymous.post("/api/products", form("Lamp", category, "10"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(products.countByCategory(category)).isZero();
    }

    @Test
    void wrongCredentialsAreRefusedWith401() {
        Response response = anonymous.as(SampleUsers.EMPLOYEE, "wrong").post("/api/products",
                form("Lamp", uniqueCategory(), "10"));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aCustomerCannotChangeTheCatalogue() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();

        Response create = customer.post("/api/products", form("Lamp", category, "10"));
        Response update = customer.put("/api/products/" + id, form("Cheap lamp", category, "1", 0));
        Response delete = customer.delete("/api/products/" + id);

        assertThat(List.of(create.status(), update.status(), delete.status())).containsOnly(403);
        assertThat(create.json().get("title").asString()).isEqualTo("Forbidden");
        assertThat(products.countByCategory(category)).isEqualTo(1);
        assertThat(products.findById(id).orElseThrow().name()).isEqualTo("Lamp");
    }

    @Test
    void missingAndInvalidFieldsAreA400NamingEachFieldAndStoreNothing() {
        long before = products.count();

        Response response = employee.post("/api/products", "{\"name\":\" \",\"price\":-1}");

        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json().get("errors");
        assertThat(errors.propertyNames()).containsExactlyInAnyOrder("name", "category", "price");
        assertThat(products.count()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsA400ProblemAndStoresNothing() {
        long before = products.count();

        Response response = employee.post("/api/products", "{\"name\":\"Lamp\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).startsWith("Malformed JSON");
        assertThat(products.count()).isEqualTo(before);
    }

    @Test
    void aValueOfTheWrongTypeIsA400NamingTheField() {
        long before = products.count();

        Response response = employee.post("/api/products", form("Lamp", "lighting", "\"cheap\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).startsWith("Field 'price'");
        assertThat(products.count()).isEqualTo(before);
    }

    @Test
    void aNewProductWithAVersionIsRefused() {
        String category = uniqueCategory();

        Response response = employee.post("/api/products", form("Lamp", category, "10", 3));

        assertThat(response.status()).isEqualTo(400);
        assertThat(products.countByCategory(category)).isZero();
    }

    @Test
    void theSameIdempotencyKeyCreatesOneProductOnly() {
        String category = uniqueCategory();
        ApiClient retrying = employee.withHeader("Idempotency-Key", "create-" + category);

        Response first = retrying.post("/api/products", form("Lamp", category, "10"));
        Response retry = retrying.post("/api/products", form("Lamp", category, "10"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(products.countByCategory(category)).isEqualTo(1);
    }

    @Test
    void anyoneReadsAProductById() {
        JsonNode lamp = created("Lamp", uniqueCategory(), "10.50");

        Response response = anonymous.get("/api/products/" + lamp.get("id").asString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("Lamp");
        assertThat(response.json().get("price").decimalValue()).isEqualByComparingTo("10.50");
    }

    @Test
    void anUnknownIdIsA404Problem() {
        Response response = anonymous.get("/api/products/no-such-id");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("no-such-id");
    }

    @Test
    void aCategoryIsListedPageByPageSortedAsAsked() {
        String category = uniqueCategory();
        for (String price : List.of("5", "30", "10", "20", "40")) {
            created("P" + price, category, price);
        }

        Response first = anonymous.get("/api/products?category=" + category + "&sort=price,desc&size=2&page=0");
        Response last = anonymous.get("/api/products?category=" + category + "&sort=price,desc&size=2&page=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("content").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("P40", "P30");
        assertThat(first.json().get("page").get("totalElements").asLong()).isEqualTo(5);
        assertThat(first.json().get("page").get("totalPages").asLong()).isEqualTo(3);
        assertThat(last.json().get("content").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("P5");
    }

    @Test
    void productsAreFoundByPriceRange() {
        String category = uniqueCategory();
        for (String price : List.of("5", "10", "20", "40")) {
            created("P" + price, category, price);
        }

        Response response = anonymous
                .get("/api/products?category=" + category + "&minPrice=10&maxPrice=20&sort=price");

        assertThat(response.json().get("content").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("P10", "P20");
    }

    @Test
    void sortingByAnUnknownFieldOrAnInvertedRangeIsA400() {
        assertThat(anonymous.get("/api/products?sort=colour").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/products?minPrice=20&maxPrice=10").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/products?minPrice=cheap").status()).isEqualTo(400);
    }

    @Test
    void anUpdateWithTheVersionReadReplacesTheFieldsAndKeepsTheCreationInstant() {
        String category = uniqueCategory();
        JsonNode lamp = created("Lamp", category, "10");
        String id = lamp.get("id").asString();

        Response response = employee.put("/api/products/" + id, form("Desk lamp", category, "12.5", 0));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("version").asLong()).isEqualTo(1);
        assertThat(response.json().get("createdAt").asString()).isEqualTo(lamp.get("createdAt").asString());
        assertThat(products.findById(id).orElseThrow().price()).isEqualByComparingTo("12.5");
    }

    @Test
    void anUpdateWithAStaleVersionIsA409AndChangesNothing() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();
        employee.put("/api/products/" + id, form("Lamp", category, "11", 0));

        Response stale = employee.put("/api/products/" + id, form("Lamp", category, "99", 0));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("title").asString()).isEqualTo("Version conflict");
        assertThat(products.findById(id).orElseThrow().price()).isEqualByComparingTo("11");
        assertThat(products.history(id, "price")).hasSize(2);
    }

    @Test
    void anUpdateWithoutVersionOrWithBadFieldsIsA400AndChangesNothing() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();

        Response noVersion = employee.put("/api/products/" + id, form("Lamp", category, "11"));
        Response badPrice = employee.put("/api/products/" + id, form("Lamp", category, "-3", 0));

        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(products.findById(id).orElseThrow().version()).isZero();
    }

    @Test
    void updatingOrDeletingAnUnknownIdIsA404() {
        assertThat(employee.put("/api/products/no-such-id", form("Lamp", "c", "1", 0)).status()).isEqualTo(404);
        assertThat(employee.delete("/api/products/no-such-id").status()).isEqualTo(404);
    }

    @Test
    void aDeletedProductIsGone() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();

        Response response = employee.delete("/api/products/" + id);

        assertThat(response.status()).isEqualTo(204);
        assertThat(anonymous.get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(products.countByCategory(category)).isZero();
    }

    @Test
    void thePriceHistoryListsEveryChangeOldestFirstWithItsAuthor() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();
        employee.put("/api/products/" + id, form("Lamp", category, "12", 0));
        admin.put("/api/products/" + id, form("Lamp", category, "9.99", 1));

        Response response = anonymous.get("/api/products/" + id + "/history?field=price");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> changes = response.json().valueStream().toList();
        assertThat(changes).extracting(change -> change.get("field").asString()).containsOnly("price");
        assertThat(changes.get(0).get("oldValue").isNull()).isTrue();
        assertThat(changes).extracting(change -> change.get("newValue").decimalValue().toPlainString())
                .containsExactly("10", "12", "9.99");
        assertThat(changes.get(2).get("oldValue").decimalValue()).isEqualByComparingTo("12");
        assertThat(changes).extracting(change -> change.get("actor").asString())
                .containsExactly(SampleUsers.EMPLOYEE, SampleUsers.EMPLOYEE, SampleUsers.ADMIN);
    }

    @Test
    void theNameHistoryKeepsOnlyTheThreeNewestChanges() {
        String category = uniqueCategory();
        String id = created("Lamp v0", category, "10").get("id").asString();
        for (int version = 0; version < 4; version++) {
            employee.put("/api/products/" + id, form("Lamp v" + (version + 1), category, "10", version));
        }

        Response response = anonymous.get("/api/products/" + id + "/history?field=name");

        assertThat(response.json().valueStream().map(change -> change.get("newValue").asString()))
                .containsExactly("Lamp v2", "Lamp v3", "Lamp v4");
    }

    @Test
    void theWholeHistoryHoldsTheHistorizedFieldsOnlyInEventOrder() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();
        employee.put("/api/products/" + id, form("Lamp", category + "-moved", "11", 0));

        Response response = anonymous.get("/api/products/" + id + "/history");

        assertThat(response.json().valueStream().map(change -> change.get("field").asString()))
                .containsExactly("name", "category", "price", "category", "price");
    }

    @Test
    void theHistoryOfAnUnknownFieldIsA400AndOfAnUnknownProductA404() {
        String id = created("Lamp", uniqueCategory(), "10").get("id").asString();

        assertThat(anonymous.get("/api/products/" + id + "/history?field=colour").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/products/no-such-id/history").status()).isEqualTo(404);
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        Response response = admin.get("/api/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aProductIsReadAsItWasAtAPastInstant() {
        String category = uniqueCategory();
        String id = created("Lamp", category, "10").get("id").asString();
        employee.put("/api/products/" + id, form("Lamp", category, "12", 0));
        employee.put("/api/products/" + id, form("Desk lamp", category, "15", 1));
        List<String> changedAt = anonymous.get("/api/products/" + id + "/history?field=price").json().valueStream()
                .map(change -> change.get("timestamp").asString()).toList();

        Response atCreation = anonymous.get("/api/products/" + id + "?asOf=" + changedAt.get(0));
        Response afterFirstUpdate = anonymous.get("/api/products/" + id + "?asOf=" + changedAt.get(1));

        assertThat(atCreation.status()).as(atCreation.toString()).isEqualTo(200);
        assertThat(atCreation.json().get("price").decimalValue()).isEqualByComparingTo("10");
        assertThat(afterFirstUpdate.json().get("price").decimalValue()).isEqualByComparingTo("12");
        assertThat(afterFirstUpdate.json().get("name").asString()).isEqualTo("Lamp");
    }

    @Test
    void beforeItsCreationAProductIsA404AndBeyondItsKeptNamesA422NamingTheField() {
        String category = uniqueCategory();
        String id = created("Lamp v0", category, "10").get("id").asString();
        String created = anonymous.get("/api/products/" + id + "/history?field=price").json().get(0).get("timestamp")
                .asString();
        for (int version = 0; version < 3; version++) {
            employee.put("/api/products/" + id, form("Lamp v" + (version + 1), category, "10", version));
        }

        Response before = anonymous.get("/api/products/" + id + "?asOf=2000-01-01T00:00:00Z");
        Response atCreation = anonymous.get("/api/products/" + id + "?asOf=" + created);
        Response notAnInstant = anonymous.get("/api/products/" + id + "?asOf=yesterday");

        assertThat(before.status()).isEqualTo(404);
        assertThat(atCreation.status()).isEqualTo(422);
        assertThat(atCreation.json().get("unknownFields").valueStream().map(JsonNode::asString)).containsExactly("name");
        assertThat(notAnInstant.status()).isEqualTo(400);
    }

    @Test
    void anOversizeBodyIsA413ProblemAndStoresNothing() {
        String category = uniqueCategory();
        String huge = form("x".repeat(100_000), category, "10");

        Response response = employee.post("/api/products", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(products.countByCategory(category)).isZero();
    }

    @Test
    void anOversizeChunkedBodyIsA413Too() throws Exception {
        String category = uniqueCategory();
        byte[] huge = form("x".repeat(100_000), category, "10").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/api/products"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SampleUsers.EMPLOYEE + ":" + SampleUsers.PASSWORD).getBytes()))
                // a publisher of unknown length: sent chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(products.countByCategory(category)).isZero();
    }
}
