package dev.lithair.replication.raft;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;

/**
 * One cluster member hosting tenants alone in its JVM, for tests that kill it with SIGKILL: the member
 * {@link TenantMembers} would run as member {@code index}, on the same directories
 * ({@code {directory}/tenants/{tenant}}), opening a tenant's store when a peer asks its group for something.
 *
 * <p>Arguments: its index, every member's {@code host:raftPort} (comma-separated), its data directory.
 * It prints {@code READY} once its transport listens. For each line {@code IDS <tenant>} on stdin it prints
 * {@code IDS <tenant> <lastSequence> <id,id,...>}: the notes its store of that tenant holds (opening it on the
 * tenant's group if it is not open), read locally. When stdin closes (the test is gone) it halts, so that
 * no member outlives the test that started it.
 */
public final class TenantMemberProcess {

    private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    private final Path directory;
    private final RaftCluster cluster;
    private final Map<String, LithairStore> stores = new ConcurrentHashMap<>();

    private TenantMemberProcess(int index, List<String> peers, Path directory) {
        this.directory = directory;
        this.cluster = new RaftCluster(RaftClusterOptions.of(peers.get(index), peers, directory.resolve("raft"))
                .withNodeId("member-" + index).withElectionTimeout(TenantMembers.ELECTION_TIMEOUT));
    }

    public static void main(String[] args) throws IOException {
        int index = Integer.parseInt(args[0]);
        List<String> peers = Arrays.asList(args[1].split(","));
        TenantMemberProcess member = new TenantMemberProcess(index, peers, Path.of(args[2]));
        member.cluster.hostTenants(member::store);
        line("READY");
        member.answerUntilStdinCloses();
        Runtime.getRuntime().halt(0);
    }

    private void answerUntilStdinCloses() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String request;
        while ((request = in.readLine()) != null) {
            String[] words = request.trim().split(" ");
            if (words.length == 2 && words[0].equals("IDS")) {
                LithairStore store = store(words[1]);
                String ids = store.findAll(TenantMembers.Note.class).stream().map(TenantMembers.Note::id).sorted().collect(Collectors.joining(","));
                line("IDS " + words[1] + " " + store.lastSequence() + " " + ids);
            } else {
                line("UNKNOWN " + request);
            }
        }
    }

    /** The tenant's store, opened on the tenant's group first if it is not open. */
    private synchronized LithairStore store(String tenant) {
        return stores.computeIfAbsent(tenant, id -> {
            Path tenantDirectory = directory.resolve("tenants").resolve(id);
            LithairStore store = LithairStore.create(StoreOptions.defaults(tenantDirectory), TenantMembers.MODELS, List.of(),
                    cluster.tenantGroup(id, tenantDirectory.resolve("raft")));
            store.start();
            return store;
        });
    }

    /** One whole line per write on the file descriptor, so the reader never sees two lines interleaved. */
    private static synchronized void line(String text) {
        try {
            STDOUT.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Runtime.getRuntime().halt(3);
        }
    }
}
