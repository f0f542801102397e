package dev.lithair.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.lithair.replication.raft.MutualTls;
import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.FreePorts;
import dev.lithair.testsupport.TestDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Fail-over after a crash of the leader's process: two members in this JVM and one in a child JVM,
 * which is made the leader and then killed with SIGKILL (no hand-over, no goodbye on the wire). Gives
 * the milliseconds until a member here leads, and until a write through it is acknowledged.
 *
 * <p>With a certificate authority, every Raft connection is mutual TLS, the child's included: its key
 * and trust material reach it as a PKCS#12 file, as a deployed member's would.
 */
final class LeaderKillFailover {

    private static final char[] KEY_STORE_PASSWORD = "benchmark".toCharArray();

    /** The two pauses of one fail-over, in milliseconds from the kill. */
    record Pause(long electedMillis, long firstWriteMillis) {
    }

    private LeaderKillFailover() {
    }

    /** @param authority issues each member's certificate for mutual TLS; {@code null} for plain TCP */
    static Pause measure(CertificateAuthority authority) throws Exception {
        Path root = Files.createTempDirectory("lithair-raft-crash");
        List<String> peers = FreePorts.distinct(3).stream().map(port -> "127.0.0.1:" + port).toList();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dsofa.middleware.log.disable=true", "-cp", System.getProperty("java.class.path"),
                Member.class.getName(), peers.get(2), String.join(",", peers), root.resolve("member-2").toString()));
        if (authority != null) {
            command.add(writeKeyStore(authority.issue("member-2"), root.resolve("member-2.p12")).toString());
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LithairStore[] stores = new LithairStore[2];
        RaftCluster[] clusters = new RaftCluster[2];
        try {
            for (int i = 0; i < 2; i++) {
                Path directory = root.resolve("member-" + i);
                RaftClusterOptions options = RaftClusterOptions.of(peers.get(i), peers, directory.resolve("raft"));
                if (authority != null) {
                    options = options.withMutualTls(MutualTls.of(authority.issue("member-" + i).sslContext()));
                }
                clusters[i] = new RaftCluster(options);
                stores[i] = LithairStore.open(StoreOptions.defaults(directory).withSnapshotEveryEvents(0), List.of(),
                        List.of(), clusters[i]);
            }
            makeLeader(clusters[0], peers.get(2));
            AtomicLong ids = new AtomicLong();
            stores[0].commit(ReplicatedWriteBenchmark.commitOf(ids, 1));
            long killed = System.nanoTime();
            child.destroyForcibly();
            while (!clusters[0].isLeader() && !clusters[1].isLeader()) {
                Thread.sleep(1);
            }
            long elected = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            stores[0].commit(ReplicatedWriteBenchmark.commitOf(ids, 1));
            long firstWrite = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            return new Pause(elected, firstWrite);
        } finally {
            child.destroyForcibly();
            child.waitFor();
            for (LithairStore store : stores) {
                if (store != null) {
                    store.close();
                }
            }
            TestDirectories.deleteRecursively(root);
        }
    }

    /** Moves leadership to {@code target}, looking again after each election or transfer in progress. */
    private static void makeLeader(RaftCluster cluster, String target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!target.equals(cluster.status().leader())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the child member never led");
            }
            try {
                String leader = cluster.awaitLeader(Duration.ofSeconds(30));
                if (!leader.equals(target)) {
                    cluster.transferLeadership(target);
                }
            } catch (RuntimeException electionOrTransferUnderWay) {
                // looked at again below
            }
            Thread.sleep(100);
        }
    }

    /** The member's key, its chain and the authority it trusts, in one PKCS#12 file. */
    private static Path writeKeyStore(CertificateAuthority.Member member, Path file)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("member", member.key(), KEY_STORE_PASSWORD,
                new Certificate[] {member.certificate(), member.issuer()});
        store.setCertificateEntry("authority", member.issuer());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, KEY_STORE_PASSWORD);
        }
        return file;
    }

    private static SSLContext readKeyStore(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, KEY_STORE_PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, KEY_STORE_PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("authority", store.getCertificate("authority"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    /** A cluster member alone in its JVM until it is killed. */
    public static final class Member {

        @Command(name = "Member")
        static final class Arguments {
            @Parameters(index = "0", paramLabel = "SELF")
            String self;

            @Parameters(index = "1", split = ",", paramLabel = "PEERS")
            List<String> peers;

            @Parameters(index = "2", paramLabel = "DIRECTORY")
            Path directory;

            @Parameters(index = "3", arity = "0..1", paramLabel = "KEYSTORE",
                    description = "PKCS#12 file with the member's key and the authority it trusts; none: plain TCP")
            Path keyStore;
        }

        public static void main(String[] args) throws Exception {
            Arguments arguments = CommandLines.parse(new Arguments(), args);
            RaftClusterOptions options = RaftClusterOptions.of(arguments.self, List.copyOf(arguments.peers),
                    arguments.directory.resolve("raft"));
            if (arguments.keyStore != null) {
                options = options.withMutualTls(MutualTls.of(readKeyStore(arguments.keyStore)));
            }
            LithairStore.open(StoreOptions.defaults(arguments.directory).withSnapshotEveryEvents(0), List.of(),
                    List.of(), new RaftCluster(options));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
