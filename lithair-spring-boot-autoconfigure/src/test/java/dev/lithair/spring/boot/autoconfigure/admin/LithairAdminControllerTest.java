package dev.lithair.spring.boot.autoconfigure.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.history.FieldChange;
import dev.lithair.spring.boot.autoconfigure.LithairEntityClasses;
import dev.lithair.spring.boot.autoconfigure.LithairEntityModels;
import dev.lithair.spring.boot.autoconfigure.fixtures.webapp.Customer;
import dev.lithair.spring.boot.autoconfigure.fixtures.webapp.Order;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The admin routes' answers and audit, without security (which is the filter chain's job). */
class LithairAdminControllerTest {

    @TempDir
    Path tmp;

    private LithairStore store;
    private final List<AdminAuditEvent> audited = new CopyOnWriteArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void openStore() {
        LithairEntityModels models = LithairEntityModels.of(LithairEntityClasses.of(Order.class, Customer.class),
                Map.of(), HistoryPolicy.NONE);
        store = LithairStore.open(StoreOptions.defaults(tmp).withFsyncPolicy(FsyncPolicy.NEVER), models.models());
        LithairAdminAudit audit = new LithairAdminAudit(List.of(audited::add));
        LithairAdminController controller = new LithairAdminController(store, models.models(), null,
                audit, null, new EntityJsonView(JsonMapper.builder().build()));
        mvc = MockMvcBuilders.standaloneSetup(controller).addInterceptors(new CrossSiteWriteGuard(audit)).build();
    }

    private void saveCustomer(String id, String name, String passwordHash) {
        store.commit(Commit.of(new Operation.Put("Customer", id, new Customer(id, name, passwordHash, "code-" + id))));
    }

    @Test
    void anExportLeavesOutWhatTheEntitysJsonHides() throws Exception {
        saveCustomer("c1", "Ann", "{bcrypt}$2a$10$secret-hash");

        String body = mvc.perform(get("/export/Customer")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(body).isEqualTo("{\"id\":\"c1\",\"name\":\"Ann\"}\n");
        assertThat(store.find(Customer.class, "c1").orElseThrow().passwordHash())
                .as("the store keeps it").isEqualTo("{bcrypt}$2a$10$secret-hash");
    }

    @Test
    void aHistoryLeavesOutTheChangesOfFieldsTheEntitysJsonHides() throws Exception {
        saveCustomer("c2", "Bob", "first-hash");
        saveCustomer("c2", "Bobby", "second-hash");
        assertThat(store.history("Customer", "c2")).extracting(FieldChange::field).contains("passwordHash",
                "recoveryCode");

        String body = mvc.perform(get("/entities/Customer/c2/history")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(body).contains("Bobby").doesNotContain("hash").doesNotContain("code-c2")
                .doesNotContain("passwordHash").doesNotContain("recoveryCode");
    }

    @Test
    void anAdminWriteABrowserSendsForAnotherSitesPageIsRefusedAuditedAndChangesNothing() throws Exception {
        store.commit(Commit.of(new Operation.Put("Order", "o1", new Order("o1", "ann", 100))));
        long snapshotBefore = store.stats().lastSnapshotSequence();

        mvc.perform(post("/snapshot").with(remote("203.0.113.7")).header("Origin", "https://elsewhere.example"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Cross-site admin write refused"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("https://elsewhere.example")));

        assertThat(store.stats().lastSnapshotSequence()).isEqualTo(snapshotBefore);
        assertThat(audited).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("refused");
            assertThat(event.target()).isEqualTo("POST /snapshot");
            assertThat(event.outcome()).isEqualTo("failure: 403 Cross-site admin write refused");
            assertThat(event.principal()).isEqualTo("anonymous");
            assertThat(event.remoteAddress()).isEqualTo("203.0.113.7");
        });
    }

    @Test
    void anAdminWriteFromAScriptOrTheSameOriginIsDone() throws Exception {
        store.commit(Commit.of(new Operation.Put("Order", "o1", new Order("o1", "ann", 100))));

        mvc.perform(post("/snapshot")).andExpect(status().isOk());
        mvc.perform(post("/snapshot").header("Origin", "http://localhost").header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().isOk());
        mvc.perform(post("/snapshot").header("Origin", "http://localhost")).andExpect(status().isOk());
        mvc.perform(post("/snapshot").header("Sec-Fetch-Site", "same-site")).andExpect(status().isForbidden());
        mvc.perform(get("/stats").header("Sec-Fetch-Site", "cross-site")).andExpect(status().isOk());

        assertThat(store.stats().lastSnapshotSequence()).isEqualTo(store.lastSequence());
        assertThat(audited).extracting(AdminAuditEvent::action)
                .containsExactly("snapshot", "snapshot", "snapshot", "refused", "stats");
    }

    private static RequestPostProcessor remote(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aSchemalessTypeIsExportedToo() throws Exception {
        store.commit(Commit.of(new Operation.Put("Note", "n1", JsonNodeFactory.instance.objectNode().put("id", "n1")
                .put("text", "hello"))));

        String body = mvc.perform(get("/export/Note")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).isEqualTo("{\"id\":\"n1\",\"text\":\"hello\"}\n");
    }

    @Test
    void aRegisteredTypeWithoutEntitiesExportsNothing() throws Exception {
        mvc.perform(get("/export/Order")).andExpect(status().isOk()).andExpect(content().string(""));
    }

    @Test
    void aClosedStoreIsA503ProblemDetailAndAnAuditedFailure() throws Exception {
        store.close();

        mvc.perform(post("/snapshot"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Store unavailable"))
                .andExpect(jsonPath("$.instance").value("/snapshot"));

        assertThat(audited).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("snapshot");
            assertThat(event.principal()).isEqualTo("anonymous");
            assertThat(event.outcome()).startsWith("failure: StoreUnavailableException");
            assertThat(event.auditType()).isEqualTo("LITHAIR_ADMIN_SNAPSHOT");
        });
    }

    @Test
    void successfulActionsAreAuditedWithTheirTarget() throws Exception {
        mvc.perform(get("/export/Order")).andExpect(status().isOk());
        mvc.perform(get("/export/Nope")).andExpect(status().isNotFound());

        assertThat(audited).extracting(AdminAuditEvent::target, AdminAuditEvent::outcome).containsExactly(
                tuple("Order", "success"),
                tuple("Nope", "failure: 404 Unknown entity type"));
    }

    @Test
    void theHistoryOfAnUnknownEntityIsA404() throws Exception {
        int expected = 404;

        mvc.perform(get("/entities/Order/absent/history")).andExpect(status().is(expected))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
