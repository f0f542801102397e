package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.spring.tenancy.Tenants;

/**
 * A thousand tenants on one node with {@code lithair.tenancy.max-open=100}: every one is reachable with all
 * its data, although at most a hundred stores are open at any time, so that the heap holds a hundred
 * stores rather than a thousand. The heap after a full collection is printed for the record; no figure
 * is asserted but the number of open stores, which is what bounds it.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "lithair.tenancy.enabled=true", "lithair.tenancy.max-open=100", "lithair.storage.fsync=never" })
@DirtiesContext
class ThousandTenantsTest {

    private static final int TENANTS = 1000;
    private static final int TICKETS = 5;

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

    private static String tenant(int i) {
        return "customer-" + i;
    }

    @Test
    void aThousandTenantsAreAllReachableWithAHundredStoresOpenAtMost() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        for (int i = 0; i < TENANTS; i++) {
            String tenant = tenant(i);
            List<Ticket> own = new ArrayList<>();
            for (int t = 0; t < TICKETS; t++) {
                own.add(new Ticket("ticket-" + t, "category-" + (t % 2), tenant + "-open"));
            }
            Tenants.runAs(tenant, () -> tickets.saveAll(own));
            Tenants.runAs(tenant, () -> tickets.save(new Ticket("ticket-0", "category-0", tenant + "-closed")));
            assertThat(stores.openCount()).isLessThanOrEqualTo(100);
        }
        System.gc();
        long heapWithThousand = memory.getHeapMemoryUsage().getUsed();

        for (int i = 0; i < TENANTS; i++) {
            String tenant = tenant(i);
            Tenants.runAs(tenant, () -> {
                assertThat(tickets.count()).as(tenant).isEqualTo(TICKETS);
                assertThat(tickets.findById("ticket-0")).as(tenant)
                        .contains(new Ticket("ticket-0", "category-0", tenant + "-closed"));
                assertThat(tickets.findByCategory("category-1")).as(tenant).hasSize(TICKETS / 2);
                assertThat(tickets.history("ticket-0", "status")).extracting(FieldChange::newValue).as(tenant)
                        .containsExactly(tenant + "-open", tenant + "-closed");
            });
            assertThat(stores.openCount()).isLessThanOrEqualTo(100);
        }
        assertThat(stores.list()).hasSize(TENANTS);

        System.out.printf("[tenants] %d tenants touched, %d open (max-open 100): heap after GC %.1f MB before, "
                + "%.1f MB after, %d live threads%n", TENANTS, stores.openCount(), heapBefore / 1e6,
                heapWithThousand / 1e6, Thread.activeCount());
    }
}
