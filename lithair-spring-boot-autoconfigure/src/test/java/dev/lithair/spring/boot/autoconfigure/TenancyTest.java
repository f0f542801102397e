package dev.lithair.spring.boot.autoconfigure;

import static dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantCalls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketDesk;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.NoTenantException;
import dev.lithair.spring.tenancy.OpenTenant;
import dev.lithair.spring.tenancy.TenantOperations;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.spring.tenancy.TenantTransactionManager;
import dev.lithair.spring.tenancy.Tenants;
import dev.lithair.store.LithairStore;

/**
 * With {@code lithair.tenancy.enabled}, each tenant's data is a store of its own under
 * {@code {data-dir}/tenants/{tenant}}: repositories, derived queries, history, idempotency keys, projections
 * and transactions act on the current tenant's store only; a call without a tenant, or with an invalid one,
 * is refused before any file is touched; stores are closed by the cap and reopen with all their data.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "lithair.tenancy.enabled=true", "lithair.tenancy.max-open=5", "lithair.storage.fsync=never" })
@DirtiesContext
class TenancyTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> root.resolve("data").toString());
    }

    @Autowired
    TicketRepository tickets;

    @Autowired
    TicketDesk desk;

    @Autowired
    TenantStores stores;

    @Autowired
    TenantOperations operations;

    @Autowired
    ApplicationContext context;

    private static Ticket ticket(String id, String category, String status) {
        return new Ticket(id, category, status);
    }


    /** Every file and folder under the test's root, the data directory's parent. */
    private static Set<String> filesUnderRoot() {
        try (Stream<Path> paths = Files.walk(root)) {
            Set<String> all = new TreeSet<>();
            paths.forEach(path -> all.add(root.relativize(path).toString()));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tenantsReplaceTheSingleStoreAndTheTransactionManager() {
        assertThat(context.getBeanNamesForType(LithairStore.class)).isEmpty();
        assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(TenantTransactionManager.class);
        assertThat(context.getBean("lithairTemplate")).isSameAs(operations);
    }

    @Test
    void aRepositoryCallWithoutATenantFailsWithNoTenantExceptionAndTouchesNoFile() {
        Set<String> before = filesUnderRoot();

        assertThatThrownBy(() -> tickets.save(ticket("t1", "billing", "open"))).isInstanceOf(NoTenantException.class)
                .hasMessageContaining("X-Tenant-Id").hasMessageContaining("Tenants.callAs");
        assertThatThrownBy(() -> tickets.findById("t1")).isInstanceOf(NoTenantException.class);
        assertThatThrownBy(() -> tickets.findByCategory("billing")).isInstanceOf(NoTenantException.class);
        assertThatThrownBy(() -> tickets.history("t1")).isInstanceOf(NoTenantException.class);
        assertThatThrownBy(() -> desk.openAll(List.of(ticket("t1", "billing", "open"))))
                .isInstanceOf(NoTenantException.class);

        assertThat(filesUnderRoot()).isEqualTo(before);
    }

    @Test
    void eachTenantSeesOnlyItsOwnEntitiesQueriesAndHistory() {
        as("acme", () -> tickets.saveAll(List.of(ticket("t1", "billing", "open"), ticket("t2", "billing", "open"))));
        as("acme", () -> tickets.save(ticket("t1", "billing", "closed")));
        as("globex", () -> tickets.save(ticket("t1", "shipping", "new")));

        as("acme", () -> {
            assertThat(tickets.findAll()).extracting(Ticket::id).containsExactlyInAnyOrder("t1", "t2");
            assertThat(tickets.findById("t1")).contains(ticket("t1", "billing", "closed"));
            assertThat(tickets.findByCategory("billing")).hasSize(2);
            assertThat(tickets.countByCategory("shipping")).isZero();
            assertThat(tickets.history("t1", "status")).extracting(FieldChange::newValue)
                    .containsExactly("open", "closed");
            return null;
        });
        as("globex", () -> {
            assertThat(tickets.findAll()).containsExactly(ticket("t1", "shipping", "new"));
            assertThat(tickets.findByCategory("billing")).isEmpty();
            assertThat(tickets.count()).isEqualTo(1);
            assertThat(tickets.history("t1", "status")).extracting(FieldChange::newValue).containsExactly("new");
            assertThat(tickets.existsById("t2")).isFalse();
            return null;
        });
        assertThat(root.resolve("data/tenants")).isDirectoryContaining(path -> path.endsWith("acme"))
                .isDirectoryContaining(path -> path.endsWith("globex"));
    }

    @Test
    void anIdempotencyKeyIsAppliedOncePerTenantAndTenantsDoNotShareKeys() {
        as("keys-a", () -> tickets.save(ticket("k1", "billing", "first"), "order-42"));
        as("keys-a", () -> tickets.save(ticket("k1", "billing", "second"), "order-42"));
        as("keys-b", () -> tickets.save(ticket("k1", "billing", "other"), "order-42"));

        assertThat(as("keys-a", () -> tickets.findById("k1"))).contains(ticket("k1", "billing", "first"));
        assertThat(as("keys-b", () -> tickets.findById("k1"))).contains(ticket("k1", "billing", "other"));
    }

    @Test
    void projectionsArePerTenant() {
        as("proj-a", () -> tickets.saveAll(List.of(ticket("p1", "billing", "open"), ticket("p2", "billing", "open"))));
        as("proj-b", () -> tickets.save(ticket("p1", "billing", "open")));

        Long inA = as("proj-a", () -> operations.onCurrentTenantStore(
                store -> store.projections().get(TenantsApplication.TICKETS_BY_CATEGORY, "billing")));
        Long inB = as("proj-b", () -> operations.onCurrentTenantStore(
                store -> store.projections().get(TenantsApplication.TICKETS_BY_CATEGORY, "billing")));
        assertThat(inA).isEqualTo(2L);
        assertThat(inB).isEqualTo(1L);
    }

    @Test
    void aTransactionCommitsAllItsWritesToItsTenantsStore() {
        as("tx-a", () -> {
            desk.openAll(List.of(ticket("x1", "billing", "open"), ticket("x2", "billing", "open")));
            return null;
        });

        assertThat(as("tx-a", () -> tickets.count())).isEqualTo(2);
        assertThat(as("tx-b", () -> tickets.count())).isZero();
    }

    @Test
    void actingForAnotherTenantInsideATransactionIsRefusedAndCommitsNothing() {
        assertThatThrownBy(() -> as("switch-a",
                () -> {
                    desk.openThenOpenAs(ticket("s1", "billing", "open"), "switch-b", ticket("s2", "billing", "open"));
                    return null;
                })).isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("'switch-a'").hasMessageContaining("'switch-b'");

        assertThat(as("switch-a", () -> tickets.findAll())).isEmpty();
        assertThat(as("switch-b", () -> tickets.findAll())).isEmpty();
    }

    @Test
    void callAsNestsAndRestoresTheOuterTenant() {
        as("outer", () -> {
            tickets.save(ticket("n1", "billing", "outer"));
            Tenants.runAs("inner", () -> tickets.save(ticket("n1", "billing", "inner")));
            assertThat(Tenants.current()).contains("outer");
            assertThat(tickets.findById("n1")).contains(ticket("n1", "billing", "outer"));
            return null;
        });
        assertThat(Tenants.current()).isEmpty();
        assertThat(as("inner", () -> tickets.findById("n1"))).contains(ticket("n1", "billing", "inner"));
    }

    @Test
    void invalidTenantIdsAreRefusedBeforeAnyFileOrFolderIsCreated() {
        as("valid-first", () -> tickets.save(ticket("v1", "billing", "open")));
        Set<String> before = filesUnderRoot();
        List<String> invalid = List.of("", "..", ".", "../x", "../../x", "/abs", "/abs/x", "a/b", "a\\b", "-a", "_a",
                ".hidden", "a b", "a.b", "tenant\u0000", "caf\u00e9", "a".repeat(64), "C:x", "~root");

        for (String tenant : invalid) {
            assertThatThrownBy(() -> Tenants.callAs(tenant, () -> tickets.save(ticket("v1", "billing", "x"))))
                    .as(tenant).isInstanceOf(InvalidDataAccessApiUsageException.class)
                    .hasMessageContaining("is refused");
            assertThatThrownBy(() -> stores.acquire(tenant)).as(tenant)
                    .isInstanceOf(InvalidDataAccessApiUsageException.class);
        }
        assertThatThrownBy(() -> stores.acquire(null)).isInstanceOf(InvalidDataAccessApiUsageException.class);

        assertThat(filesUnderRoot()).isEqualTo(before);
        assertThat(Path.of("/abs")).doesNotExist();
        assertThat(as("a".repeat(63), () -> tickets.count())).as("the longest valid id").isZero();
    }

    @Test
    void anIdThatDiffersOnlyByCaseFromAnExistingTenantIsRefusedAndCreatesNothing() {
        as("Initech", () -> tickets.save(ticket("c1", "billing", "open")));
        Set<String> before = filesUnderRoot();

        for (String tenant : List.of("initech", "INITECH", "iNiTeCh")) {
            assertThatThrownBy(() -> as(tenant, () -> tickets.findAll())).as(tenant)
                    .isInstanceOf(InvalidDataAccessApiUsageException.class)
                    .hasMessageContaining("differs only by case").hasMessageContaining("'Initech'");
        }

        assertThat(filesUnderRoot()).isEqualTo(before);
        assertThat(as("Initech", () -> tickets.findAll())).containsExactly(ticket("c1", "billing", "open"));
    }

    @Test
    void storesClosedByTheCapReopenWithAllTheirData() {
        for (int i = 0; i < 20; i++) {
            String tenant = "cap-" + i;
            as(tenant, () -> tickets.saveAll(List.of(ticket("a", "billing", tenant), ticket("b", "support", tenant))));
            as(tenant, () -> tickets.save(ticket("a", "billing", tenant + "-2")));
            assertThat(stores.openCount()).isLessThanOrEqualTo(5);
        }

        for (int i = 0; i < 20; i++) {
            String tenant = "cap-" + i;
            assertThat(as(tenant, () -> tickets.findAll())).containsExactlyInAnyOrder(
                    ticket("a", "billing", tenant + "-2"), ticket("b", "support", tenant));
            assertThat(as(tenant, () -> tickets.history("a", "status"))).extracting(FieldChange::newValue)
                    .containsExactly(tenant, tenant + "-2");
        }
        assertThat(stores.list()).filteredOn(status -> status.tenant().startsWith("cap-")).hasSize(20)
                .filteredOn(TenantStores.Status::open).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void aStoreInUseIsNeverClosedByTheCap() {
        as("held", () -> tickets.save(ticket("h1", "billing", "open")));
        OpenTenant held = stores.acquire("held");
        try {
            for (int i = 0; i < 10; i++) {
                String tenant = "pressure-" + i;
                as(tenant, () -> tickets.count());
            }
            assertThat(held.store().isClosed()).isFalse();
            assertThat(held.template().findById(Ticket.class, "h1")).isPresent();
        } finally {
            stores.release(held);
        }
        as("after-release-1", () -> tickets.count());
        as("after-release-2", () -> tickets.count());
        as("after-release-3", () -> tickets.count());
        as("after-release-4", () -> tickets.count());
        as("after-release-5", () -> tickets.count());
        assertThat(held.store().isClosed()).as("least recently used, released").isTrue();
        assertThat(as("held", () -> tickets.findById("h1"))).contains(ticket("h1", "billing", "open"));
    }
}
