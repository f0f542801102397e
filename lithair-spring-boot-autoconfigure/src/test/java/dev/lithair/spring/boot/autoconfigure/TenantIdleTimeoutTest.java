package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.OpenTenant;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.spring.tenancy.Tenants;
import dev.lithair.store.LithairStore;
import dev.lithair.testsupport.Awaits;

/**
 * A tenant's store unused for {@code lithair.tenancy.idle-timeout} is closed and reopens with its data on the
 * next call; one in use is kept open however long it is used.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "lithair.tenancy.enabled=true", "lithair.tenancy.idle-timeout=200ms", "lithair.storage.fsync=never" })
@DirtiesContext
class TenantIdleTimeoutTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @Autowired
    TicketRepository tickets;

    @Autowired
    TenantStores stores;

    @Test
    void anIdleStoreIsClosedAndReopensWithItsData() {
        Tenants.runAs("sleepy", () -> tickets.save(new Ticket("t1", "billing", "open")));
        OpenTenant sleepy = stores.acquire("sleepy");
        LithairStore store = sleepy.store();
        stores.release(sleepy);

        Awaits.await().until(store::isClosed);

        assertThat(stores.list()).filteredOn(status -> status.tenant().equals("sleepy"))
                .singleElement().satisfies(status -> assertThat(status.open()).isFalse());
        Tenants.runAs("sleepy", () -> assertThat(tickets.findById("t1")).contains(new Ticket("t1", "billing", "open")));
    }

    @Test
    void aStoreInUseStaysOpenPastTheIdleTimeout() {
        Tenants.runAs("busy", () -> tickets.save(new Ticket("t1", "billing", "open")));
        OpenTenant busy = stores.acquire("busy");
        try {
            Awaits.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> !busy.store().isClosed());
            assertThat(busy.template().findById(Ticket.class, "t1")).isPresent();
        } finally {
            stores.release(busy);
        }
        Awaits.await().until(busy.store()::isClosed);
    }
}
