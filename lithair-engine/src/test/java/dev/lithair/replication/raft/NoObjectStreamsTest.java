package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import com.alipay.remoting.serialization.HessianSerializer;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;

import dev.lithair.exception.MalformedEntryException;
import dev.lithair.replication.raft.canary.Canary;
import dev.lithair.replication.raft.canary.CanaryFlags;
import dev.lithair.replication.raft.canary.ControlCanary;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.testsupport.FreePorts;

/**
 * Nothing a peer sends becomes an object of a class the peer names: a forwarded write is read as
 * bytes whatever it holds, and an answer naming a class is refused. A canary class whose static
 * initialiser raises a flag shows that no stream ever instantiated it.
 */
class NoObjectStreamsTest {

    @TempDir
    Path root;

    @Test
    void theCanaryStreamMakesAPlainHessianReaderInstantiateTheClassItNames() throws Exception {
        // given: the control, so that the tests below can fail
        byte[] stream = CanaryFlags.objectStreamNaming(ControlCanary.NAME);

        // when
        Object read = new HessianSerializer().deserialize(stream, ForwardedWrite.class.getName());

        // then
        assertThat(read.getClass().getName()).isEqualTo(ControlCanary.NAME);
        assertThat(CanaryFlags.initialised(ControlCanary.NAME)).isTrue();
    }

    @Test
    void aForwardedWriteHoldingAnObjectStreamIsReadAsBytesAndRefusedWithoutLoadingTheClassItNames() {
        // given: a member leading a cluster of one
        String self = "127.0.0.1:" + FreePorts.one();
        RaftCluster cluster = new RaftCluster(RaftClusterOptions.of(self, List.of(self), root.resolve("raft")));
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(root), List.of(), List.of(), cluster)) {
            cluster.awaitLeader(java.time.Duration.ofSeconds(30));
            long lastIndex = cluster.node().getLastLogIndex();

            // when
            Intruder.Attempt attempt;
            try (Intruder sender = new Intruder(null)) {
                attempt = sender.forwardWrite(self, CanaryFlags.objectStreamNaming(Canary.NAME));
            }

            // then
            assertThat(attempt.answer()).isInstanceOf(ForwardedOutcome.class);
            assertThatThrownBy(() -> new OutcomeCodec(dev.lithair.event.ValueLimits.defaults()).read((ForwardedOutcome) attempt.answer()))
                    .isInstanceOf(MalformedEntryException.class);
            assertThat(cluster.node().getLastLogIndex()).isEqualTo(lastIndex);
            assertThat(CanaryFlags.initialised(Canary.NAME)).isFalse();
        }
    }

    @Test
    void anAnswerNamingAClassIsRefusedByTheMemberThatForwardedTheWrite() throws Exception {
        // given: a fake leader whose answer to a forwarded write is an object stream naming the canary
        String self = "127.0.0.1:" + FreePorts.one();
        RaftTransport transport = new RaftTransport(RaftClusterOptions.of(self, List.of(self), root.resolve("raft")));
        CustomSerializerManager.registerCustomSerializer(Disguised.class.getName(), new Disguised.Serializer());
        int port = FreePorts.one();
        com.alipay.remoting.rpc.RpcServer fakeLeader = new com.alipay.remoting.rpc.RpcServer("127.0.0.1", port, true);
        fakeLeader.registerUserProcessor(new SyncUserProcessor<ForwardedWrite>() {
            @Override
            public Object handleRequest(BizContext context, ForwardedWrite request) {
                return new Disguised();
            }

            @Override
            public String interest() {
                return ForwardedWrite.class.getName();
            }
        });
        fakeLeader.startup();
        RpcClient forwarding = transport.forwardingClient();
        try {
            // when / then
            assertThatThrownBy(() -> forwarding.invokeSync(new Endpoint("127.0.0.1", port),
                    new ForwardedWrite(Entries.json("{}")), 5000)).hasMessageContaining("reads no object streams");
            assertThat(CanaryFlags.initialised(Canary.NAME)).isFalse();
        } finally {
            forwarding.shutdown();
            fakeLeader.shutdown();
        }
    }

    /** An answer that leaves the fake leader as a Hessian stream naming the canary, with the canary's class name. */
    static final class Disguised {

        static final class Serializer extends DefaultCustomSerializer {
            @Override
            public <T extends ResponseCommand> boolean serializeContent(T response) {
                RpcResponseCommand command = (RpcResponseCommand) response;
                command.setResponseClass(Canary.NAME);
                command.setClazz(Canary.NAME.getBytes(StandardCharsets.UTF_8));
                command.setContent(CanaryFlags.objectStreamNaming(Canary.NAME));
                return true;
            }
        }
    }
}
