package dev.lithair.spring.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TenantsApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.Ticket;
import dev.lithair.spring.boot.autoconfigure.fixtures.tenants.TicketRepository;

/**
 * Random interleavings of saves, deletes, queries and history reads as random tenants, run concurrently
 * on several threads: every read answers exactly what a model of its own tenant alone says, every
 * retained change carries its own tenant's values, and each tenant ends with the entities and history that
 * the same steps give when run alone, as a tenant of their own, on one thread. At most three stores are
 * open, so tenants are closed and reopened (recovered) throughout.
 */
class TenantIsolationPropertyTest {

    private static final int TENANTS = 4;
    private static final int IDS = 5;
    private static final int CATEGORIES = 3;
    private static final AtomicInteger TRIES = new AtomicInteger();

    private static Path root;
    private static ConfigurableApplicationContext context;
    private static TicketRepository tickets;

    enum Kind { SAVE, DELETE, FIND_BY_ID, FIND_ALL, FIND_BY_CATEGORY, COUNT, HISTORY }

    /** One step: what a tenant does to which ticket. */
    record Step(int tenant, Kind kind, int id, int category) {
    }

    @BeforeContainer
    static void start() throws IOException {
        root = Files.createTempDirectory("lithair-tenant-isolation");
        context = new SpringApplicationBuilder(TenantsApplication.class).web(WebApplicationType.NONE)
                .properties("lithair.tenancy.enabled=true", "lithair.tenancy.max-open=3",
                        "lithair.storage.fsync=never", "lithair.data-dir=" + root.resolve("data"))
                .run();
        tickets = context.getBean(TicketRepository.class);
    }

    @AfterContainer
    static void stop() throws IOException {
        context.close();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.SAVE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.DELETE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FIND_BY_ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FIND_ALL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FIND_BY_CATEGORY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.COUNT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.HISTORY)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, TENANTS - 1), kinds,
                Arbitraries.integers().between(0, IDS - 1), Arbitraries.integers().between(0, CATEGORIES - 1))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void concurrentTenantsSeeOnlyTheirOwnDataAndEndAsIfRunAlone(@ForAll("steps") List<Step> steps,
            @ForAll @Size(TENANTS) List<@IntRange(min = 0, max = 2) Integer> threadOfTenant) throws Exception {
        int trial = TRIES.incrementAndGet();
        List<String> names = new ArrayList<>();
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            names.add("p" + trial + "-" + tenant);
        }

        // given every tenant's steps on the thread it is given, threads interleaving freely
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                int self = thread;
                List<Integer> mine = positions(steps, step -> threadOfTenant.get(step.tenant()) == self);
                done.add(threads.submit(() -> runChecked(steps, mine, names)));
            }
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
        }

        // then each tenant holds what its steps alone give, run as a fresh tenant on one thread
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            int self = tenant;
            String alone = "r" + trial + "-" + tenant;
            List<Integer> own = positions(steps, step -> step.tenant() == self);
            Tenants.runAs(alone, () -> own.forEach(position -> write(steps.get(position), names.get(self), position)));
            assertThat(state(names.get(tenant))).as(names.get(tenant)).isEqualTo(state(alone));
        }
    }

    /** The positions in {@code steps} of the steps that {@code filter} keeps, in order. */
    private static List<Integer> positions(List<Step> steps, java.util.function.Predicate<Step> filter) {
        List<Integer> kept = new ArrayList<>();
        for (int position = 0; position < steps.size(); position++) {
            if (filter.test(steps.get(position))) {
                kept.add(position);
            }
        }
        return kept;
    }

    /** Runs the steps at these positions in order, each as its tenant, checking each read against its tenant's model. */
    private static void runChecked(List<Step> steps, List<Integer> positions, List<String> names) {
        Map<Integer, Map<String, Ticket>> models = new HashMap<>();
        for (int position : positions) {
            Step step = steps.get(position);
            String tenant = names.get(step.tenant());
            Map<String, Ticket> model = models.computeIfAbsent(step.tenant(), t -> new HashMap<>());
            Tenants.runAs(tenant, () -> check(step, tenant, model, position));
        }
    }

    private static void check(Step step, String tenant, Map<String, Ticket> model, int position) {
        String id = "e" + step.id();
        String category = "c" + step.category();
        switch (step.kind()) {
            case SAVE, DELETE -> {
                Ticket written = write(step, tenant, position);
                if (written == null) {
                    model.remove(id);
                } else {
                    model.put(id, written);
                }
            }
            case FIND_BY_ID -> assertThat(tickets.findById(id)).as(tenant).isEqualTo(Optional.ofNullable(model.get(id)));
            case FIND_ALL -> assertThat(tickets.findAll()).as(tenant).containsExactlyInAnyOrderElementsOf(model.values());
            case FIND_BY_CATEGORY -> assertThat(tickets.findByCategory(category)).as(tenant)
                    .containsExactlyInAnyOrderElementsOf(
                            model.values().stream().filter(ticket -> ticket.category().equals(category)).toList());
            case COUNT -> assertThat(tickets.count()).as(tenant).isEqualTo(model.size());
            case HISTORY -> assertThat(tickets.history(id)).as(tenant).allSatisfy(change -> assertThat(
                    String.valueOf(change.newValue() != null ? change.newValue() : change.oldValue()))
                    .startsWith(tenant + "#"));
        }
    }

    /**
     * Makes the write of a step as the current tenant; the status names the tenant (of the concurrent run)
     * and the step, so that a value of another tenant cannot pass for this one's.
     *
     * @return the ticket saved, or {@code null} for a deletion (or a read step: nothing written)
     */
    private static Ticket write(Step step, String tenant, int position) {
        String id = "e" + step.id();
        if (step.kind() == Kind.SAVE) {
            Ticket ticket = new Ticket(id, "c" + step.category(), tenant + "#" + position);
            tickets.save(ticket);
            return ticket;
        }
        if (step.kind() == Kind.DELETE) {
            tickets.deleteById(id);
        }
        return null;
    }

    /** A tenant's entities and the retained changes of each id, without times and sequences. */
    private static Map<String, Object> state(String tenant) {
        Map<String, Object> state = new HashMap<>();
        Tenants.runAs(tenant, () -> {
            Set<Ticket> entities = new HashSet<>(tickets.findAll());
            state.put("entities", entities);
            for (int id = 0; id < IDS; id++) {
                List<List<Object>> changes = new ArrayList<>();
                for (FieldChange change : tickets.history("e" + id)) {
                    changes.add(java.util.Arrays.asList(change.field(), change.oldValue(), change.newValue()));
                }
                state.put("history e" + id, changes);
            }
        });
        return state;
    }
}
