package dev.lithair.replication.raft;

import static dev.lithair.replication.raft.TenantMembers.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.replication.raft.TenantMembers.Note;
import dev.lithair.testsupport.Awaits;

/**
 * Tenants' groups put to sleep on every member: when idle past the idle timeout, or past the cap of groups
 * running on a member, every member closes the tenant's store; the last heartbeats of its leader do not wake
 * it; its next use on any member wakes it on all, with its data.
 */
class TenantSleepTest {

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
    void anIdleTenantSleepsOnEveryMemberStaysAsleepAndWakesWithItsDataOnItsNextWrite() {
        // given
        members = new TenantMembers(root, Duration.ofSeconds(3), Integer.MAX_VALUE).start();
        members.store(0, "acme").commit(put(new Note("n1", "before")));

        // when idle
        Awaits.await().untilAsserted(() -> assertAsleepEverywhere("acme"));
        Awaits.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertAsleepEverywhere("acme"));

        // then the next write, on another member, wakes it everywhere with its data
        members.store(2, "acme").commit(put(new Note("n2", "after")));
        for (int i = 0; i < 3; i++) {
            int member = i;
            Awaits.await().untilAsserted(() -> {
                assertThat(members.openStore(member, "acme")).as("acme's store on member %d", member).isNotNull();
                assertThat(members.openStore(member, "acme").find(Note.class, "n1")).contains(new Note("n1", "before"));
                assertThat(members.openStore(member, "acme").find(Note.class, "n2")).contains(new Note("n2", "after"));
            });
        }
    }

    @Test
    void pastTheCapTheLeastRecentlyWrittenGroupsSleepAndWakeOnUse() {
        // given
        members = new TenantMembers(root, Duration.ofNanos(Long.MAX_VALUE), 2).start();
        List<String> tenants = List.of("t0", "t1", "t2", "t3");
        tenants.parallelStream().forEach(tenant -> members.store(tenants.indexOf(tenant) % 3, tenant)
                .commit(put(new Note("n1", tenant))));

        // then
        Awaits.await().untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(members.cluster(i).tenantLeaders()).as("groups running on member %d", i).hasSizeLessThanOrEqualTo(2);
            }
        });
        for (String tenant : tenants) {
            members.store(1, tenant).commit(put(new Note("n2", tenant)));
            assertThat(members.store(1, tenant).find(Note.class, "n1")).contains(new Note("n1", tenant));
        }
    }

    private void assertAsleepEverywhere(String tenant) {
        for (int i = 0; i < 3; i++) {
            assertThat(members.openStore(i, tenant)).as("%s's store on member %d", tenant, i).isNull();
            assertThat(members.cluster(i).tenantLeaders()).as("groups running on member %d", i)
                    .doesNotContainKey(tenant);
        }
    }
}
