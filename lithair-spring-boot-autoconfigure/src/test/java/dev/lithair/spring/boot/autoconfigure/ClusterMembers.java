package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.replication.Cluster;
import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.FreePorts;

/** Starts the applications of a cluster test, and finds the leading member among them. */
final class ClusterMembers {

    private ClusterMembers() {
    }

    /**
     * Starts {@code application} three times as the members of a cluster on loopback, by {@code lithair.*}
     * properties only: each on a free Raft port and web port, with its own data directory
     * ({@code root/member-i}), and the given {@code properties}.
     *
     * @param raftAddresses receives every member's {@code host:raftPort}, in member order
     * @return the three applications
     */
    static List<ConfigurableApplicationContext> start(Class<?> application, Path root, List<String> raftAddresses,
            String... properties) {
        return start(application, root, raftAddresses, member -> properties);
    }

    /**
     * {@link #start(Class, Path, List, String...)}, with properties of each member's own (its certificate,
     * say), made just before it starts.
     *
     * @param properties the properties of member {@code i}, given {@code i}
     */
    static List<ConfigurableApplicationContext> start(Class<?> application, Path root, List<String> raftAddresses,
            IntFunction<String[]> properties) {
        List<Integer> raftPorts = FreePorts.distinct(3);
        raftPorts.forEach(port -> raftAddresses.add("127.0.0.1:" + port));
        List<ConfigurableApplicationContext> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] member = {
                    "server.port=0",
                    "spring.main.banner-mode=off",
                    "lithair.data-dir=" + root.resolve("member-" + i),
                    "lithair.cluster.enabled=true",
                    "lithair.cluster.node-id=member-" + i,
                    "lithair.cluster.raft-port=" + raftPorts.get(i),
                    "lithair.cluster.peers=" + String.join(",", raftAddresses) };
            members.add(new SpringApplicationBuilder(application)
                    .properties(Stream.concat(Stream.of(member), Stream.of(properties.apply(i))).toArray(String[]::new)).run());
        }
        return members;
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
