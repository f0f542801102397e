package dev.lithair.replication.raft;

import static dev.lithair.replication.raft.TenantMembers.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyOptions;

import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;

import dev.lithair.replication.raft.TenantMembers.Note;
import dev.lithair.store.LithairStore;
import dev.lithair.testsupport.Awaits;

/**
 * Tenants on three members: each tenant's store commits through its own Raft group on the members' shared
 * port, started on every member from one member's first use, and no tenant sees another's data.
 */
class TenantGroupsTest {

    @TempDir
    Path root;

    private TenantMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    private TenantMembers start() {
        members = new TenantMembers(root).start();
        return members;
    }

    @Test
    void aTenantUsedOnOneMemberIsReplicatedToEveryMemberInItsOwnGroup() {
        start();
        members.store(0, "acme").commit(put(new Note("n1", "acme's")));
        members.store(1, "globex").commit(put(new Note("n1", "globex's")));

        for (int i = 0; i < 3; i++) {
            int member = i;
            Awaits.await().untilAsserted(() -> {
                LithairStore acme = members.openStore(member, "acme");
                LithairStore globex = members.openStore(member, "globex");
                assertThat(acme).as("acme's store on member %d", member).isNotNull();
                assertThat(globex).as("globex's store on member %d", member).isNotNull();
                assertThat(acme.find(Note.class, "n1")).contains(new Note("n1", "acme's"));
                assertThat(globex.find(Note.class, "n1")).contains(new Note("n1", "globex's"));
            });
            assertThat(members.tenantDirectory(member, "acme").resolve("raft/log")).isDirectory();
        }
        assertThat(members.cluster(2).tenantLeaders()).containsOnlyKeys("acme", "globex");
        try (ColumnFamilyOptions logTables = StorageOptionsFactory.getRocksDBColumnFamilyOptions(
                TenantGroupIds.of("acme"), RocksDBLogStorage.class)) {
            assertThat(logTables.writeBufferSize()).isEqualTo(TenantLogStorageOptions.WRITE_BUFFER_BYTES);
        }
        assertThat(members.cluster(0).tenantStatus("acme").leader()).isNotNull();
    }

    @Test
    void aWriteThroughAFollowerOfTheTenantIsForwardedToItsLeader() {
        start();
        members.store(0, "acme").commit(put(new Note("n1", "first")));
        String leader = Awaits.await().until(() -> members.cluster(0).tenantLeaders().get("acme"),
                address -> address != null);
        int follower = members.peers().indexOf(leader) == 0 ? 1 : 0;

        members.store(follower, "acme").commit(put(new Note("n2", "through a follower")));

        assertThat(members.store(follower, "acme").find(Note.class, "n2"))
                .contains(new Note("n2", "through a follower"));
        assertThat(Files.exists(members.tenantDirectory(2, "other"))).isFalse();
        assertThat(members.store(0, "acme").find(Note.class, "missing")).isEqualTo(Optional.empty());
    }
}
