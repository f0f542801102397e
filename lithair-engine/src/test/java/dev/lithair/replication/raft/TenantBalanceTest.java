package dev.lithair.replication.raft;

import static dev.lithair.replication.raft.TenantMembers.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.replication.raft.TenantMembers.Note;
import dev.lithair.store.LithairStore;
import dev.lithair.testsupport.Awaits;

/**
 * Twelve tenants on three members: the leaderships of their groups spread over the members, come back to a
 * member that returns after a stop, and move without failing the writes going on meanwhile.
 */
class TenantBalanceTest {

    private static final int MEMBERS = 3;
    private static final List<String> TENANTS = IntStream.range(0, 12).mapToObj(i -> "tenant-%02d".formatted(i))
            .toList();
    /** Each member's share of the leaderships: the groups divided by the members, rounded up. */
    private static final int SHARE = (TENANTS.size() + MEMBERS - 1) / MEMBERS;
    /** The bound: no member leads more than its share and one. */
    private static final int MOST_LED = SHARE + 1;

    @TempDir
    Path root;

    private TenantMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void theLeadersOfTwelveTenantsFirstUsedOnRandomMembersSpreadOverTheMembers() throws Exception {
        startWithEveryTenantUsedOnARandomMember();

        awaitBalanced(Duration.ofSeconds(15), MOST_LED);
    }

    @Test
    void aMemberThatReturnsLeadsAgainAndHoldsWhatWasWrittenInItsAbsence() throws Exception {
        startWithEveryTenantUsedOnARandomMember();
        awaitBalanced(Duration.ofSeconds(15), MOST_LED);

        members.stopMember(2);
        awaitLedAmong(0, 1);
        for (int t = 0; t < TENANTS.size(); t++) {
            String tenant = TENANTS.get(t);
            members.store(t % 2, tenant).commit(put(new Note("during", "written while member 2 was away")));
        }
        members.startMember(2);

        Map<String, String> leaders = awaitBalanced(Duration.ofSeconds(20), MOST_LED);
        assertThat(leaders).as("groups led by the member that returned").containsValue(members.peers().get(2));
        for (String tenant : TENANTS) {
            Awaits.await().untilAsserted(() -> {
                LithairStore store = members.openStore(2, tenant);
                assertThat(store).as("%s's store on the member that returned", tenant).isNotNull();
                assertThat(store.find(Note.class, "first")).as(tenant).contains(firstNote(tenant));
                assertThat(store.find(Note.class, "during")).as(tenant)
                        .contains(new Note("during", "written while member 2 was away"));
            });
        }
    }

    @Test
    void writesGoOnWithoutAFailureWhileTheBalancerMovesLeadersToAReturningMember() throws Exception {
        startWithEveryTenantUsedOnARandomMember();
        awaitBalanced(Duration.ofSeconds(15), MOST_LED);
        members.stopMember(2);
        awaitLedAmong(0, 1);
        members.startMember(2);

        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> written = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                written.add(pool.submit(() -> write(writer, writers, writing, failures)));
            }
            // Each member leading its share: the writes went on while four leaderships or more moved to the
            // member that returned.
            awaitBalanced(Duration.ofSeconds(20), SHARE);
        } finally {
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("writers finished").isTrue();
        }

        assertThat(failures).as("writes that failed while leaders moved").isEmpty();
        List<String> keys = new ArrayList<>();
        for (Future<List<String>> writerKeys : written) {
            keys.addAll(writerKeys.get());
        }
        assertThat(keys).as("writes made").hasSizeGreaterThan(writers);
        for (int i = 0; i < MEMBERS; i++) {
            int member = i;
            Awaits.await().untilAsserted(() -> {
                for (String key : keys) {
                    String tenant = key.substring(0, key.indexOf('/'));
                    LithairStore store = members.openStore(member, tenant);
                    assertThat(store).as("%s's store on member %d", tenant, member).isNotNull();
                    assertThat(store.find(Note.class, key)).as("%s on member %d", key, member)
                            .contains(new Note(key, "by a writer"));
                }
            });
        }
    }

    /**
     * Commits notes, each with an idempotency key, to the tenants this writer owns, through a random running
     * member, until told to stop; returns the keys it wrote and records what failed.
     */
    private List<String> write(int writer, int writers, AtomicBoolean writing, ConcurrentLinkedQueue<Throwable> failures) {
        Random random = new Random(writer);
        List<String> keys = new ArrayList<>();
        for (int n = 0; writing.get(); n++) {
            String tenant = TENANTS.get(writer + writers * (n % (TENANTS.size() / writers)));
            String key = tenant + "/w" + writer + "-" + n;
            int member = random.nextInt(MEMBERS);
            try {
                members.store(member, tenant).commit(put(new Note(key, "by a writer")).withIdempotencyKey(key));
                keys.add(key);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return keys;
    }

    /**
     * Starts the members and commits a first note to every tenant, all at once, each on a member picked at
     * random: the tenants' groups start and elect their first leaders together.
     */
    private void startWithEveryTenantUsedOnARandomMember() throws Exception {
        members = new TenantMembers(root).start();
        Random random = new Random(21);
        ExecutorService pool = Executors.newFixedThreadPool(TENANTS.size());
        try {
            List<Future<?>> firstCommits = new ArrayList<>();
            for (String tenant : TENANTS) {
                int member = random.nextInt(MEMBERS);
                firstCommits.add(pool.submit(() -> members.store(member, tenant).commit(put(firstNote(tenant)))));
            }
            for (Future<?> commit : firstCommits) {
                commit.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until the three members agree on a leader for every tenant's group, each leads one or more and
     * none more than {@code mostLed}.
     *
     * @return the agreed leaders by tenant
     */
    private Map<String, String> awaitBalanced(Duration timeout, int mostLed) {
        AtomicReference<Map<String, String>> agreed = new AtomicReference<>();
        Awaits.await().atMost(timeout).untilAsserted(() -> {
            Map<String, String> leaders = members.cluster(0).tenantLeaders();
            assertThat(leaders).as("tenant groups on member 0").containsOnlyKeys(TENANTS).doesNotContainValue(null);
            for (int member = 1; member < MEMBERS; member++) {
                assertThat(members.cluster(member).tenantLeaders()).as("member %d's view of the leaders", member)
                        .isEqualTo(leaders);
            }
            Map<String, Long> led = ledByMember(leaders);
            assertThat(led.values()).as("groups led by each member: %s", led).allMatch(count -> count <= mostLed);
            assertThat(led).as("members leading a group").hasSize(MEMBERS);
            agreed.set(leaders);
        });
        return agreed.get();
    }

    /** Waits until the given members know a leader among themselves for every tenant's group. */
    private void awaitLedAmong(int... running) {
        List<String> addresses = IntStream.of(running).mapToObj(members.peers()::get).toList();
        Awaits.await().untilAsserted(() -> {
            for (int member : running) {
                Map<String, String> leaders = members.cluster(member).tenantLeaders();
                assertThat(leaders).as("member %d's view of the leaders", member).containsOnlyKeys(TENANTS);
                assertThat(leaders.values()).as("member %d's view of the leaders", member)
                        .allMatch(addresses::contains);
            }
        });
    }

    private static Map<String, Long> ledByMember(Map<String, String> leaders) {
        return leaders.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Note firstNote(String tenant) {
        return new Note("first", "the first note of " + tenant);
    }

}
