package dev.lithair.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.replication.Cluster;
import dev.lithair.testsupport.Awaits;

/** Finds the leading member among the applications of a cluster test, waiting for one to be elected. */
final class ClusterMembers {

    private ClusterMembers() {
    }

    /** The index of the member that leads, once one does. */
    static int leader(List<ConfigurableApplicationContext> members) {
        int[] leader = {-1};
        Awaits.await().alias("a leader").until(() -> {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).getBean(Cluster.class).status().isLeader()) {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** The index of a member that does not lead (of the first two, the one that is not the leader). */
    static int follower(List<ConfigurableApplicationContext> members) {
        return leader(members) == 0 ? 1 : 0;
    }
}
