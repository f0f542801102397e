package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;
import dev.lithair.spring.tenancy.NoTenantException;
import dev.lithair.spring.tenancy.Tenants;

/**
 * An {@code @Async} method runs as the tenant that called it, on a pooled thread that keeps no tenant
 * between tasks; an {@code @Async @Transactional} one commits to that tenant's store.
 */
@SpringBootTest(classes = TenantsApplication.class, webEnvironment = WebEnvironment.NONE, properties = {
        "lithair.tenancy.enabled=true", "lithair.storage.fsync=never", "spring.task.execution.pool.core-size=1",
        "spring.task.execution.pool.max-size=1" })
@Import(TenantAsyncTest.AsyncConfiguration.class)
@DirtiesContext
class TenantAsyncTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> root.toString());
    }

    @TestConfiguration
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        AsyncTickets asyncTickets(TicketRepository tickets) {
            return new AsyncTickets(tickets);
        }
    }

    /** Ticket work run on Spring's task executor. */
    static class AsyncTickets {

        private final TicketRepository tickets;

        AsyncTickets(TicketRepository tickets) {
            this.tickets = tickets;
        }

        @Async
        public CompletableFuture<List<String>> statusesLater() {
            return CompletableFuture.completedFuture(tickets.findAll().stream().map(Ticket::status).toList());
        }

        @Async
        public CompletableFuture<String> threadLater() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @Async
        @Transactional
        public CompletableFuture<Void> openAllLater(List<Ticket> opened) {
            opened.forEach(tickets::save);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Autowired
    AsyncTickets asyncTickets;

    @Autowired
    TicketRepository tickets;

    private static <T> T as(String tenant, Callable<CompletableFuture<T>> call) throws Exception {
        return Tenants.callAs(tenant, call).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAsyncMethodRunsOnAnotherThreadAsTheTenantThatCalledIt() throws Exception {
        Tenants.runAs("async-a", () -> tickets.save(new Ticket("t1", "billing", "a")));
        Tenants.runAs("async-b", () -> tickets.save(new Ticket("t1", "billing", "b")));

        assertThat(as("async-a", asyncTickets::threadLater)).isNotEqualTo(Thread.currentThread().getName());
        assertThat(as("async-a", asyncTickets::statusesLater)).containsExactly("a");
        assertThat(as("async-b", asyncTickets::statusesLater)).containsExactly("b");
        assertThat(as("async-a", asyncTickets::statusesLater)).containsExactly("a");
    }

    @Test
    void aPooledThreadKeepsNoTenantFromItsPreviousTask() throws Exception {
        Tenants.runAs("async-c", () -> tickets.save(new Ticket("t1", "billing", "c")));
        assertThat(as("async-c", asyncTickets::statusesLater)).containsExactly("c");

        CompletableFuture<List<String>> withoutTenant = asyncTickets.statusesLater();

        assertThatThrownBy(() -> withoutTenant.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NoTenantException.class);
    }

    @Test
    void anAsyncTransactionCommitsToTheCallingTenantsStore() throws Exception {
        as("async-d", () -> asyncTickets.openAllLater(
                List.of(new Ticket("t1", "billing", "d1"), new Ticket("t2", "billing", "d2"))));

        List<Ticket> ofD = Tenants.callAs("async-d", tickets::findAll);
        List<Ticket> ofE = Tenants.callAs("async-e", tickets::findAll);
        assertThat(ofD).extracting(Ticket::status).containsExactlyInAnyOrder("d1", "d2");
        assertThat(ofE).isEmpty();
    }
}
