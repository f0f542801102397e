package dev.lithair.replication.raft;

import com.alipay.remoting.config.BoltClientOption;
import com.alipay.sofa.jraft.option.CliOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.SPI;

/**
 * JRaft's Bolt transport, with TLS on the clients of a Lithair member. JRaft creates the Bolt clients of
 * a Raft node and of a CLI service itself, from the options it was given; when those options are a
 * Lithair member's ({@link MemberNodeOptions}, {@link MemberCliOptions}) carrying {@link MutualTls}, every
 * connection the client opens starts with a TLS handshake. Any other options, of any other JRaft user
 * in the JVM, get JRaft's plain Bolt client as before.
 *
 * <p>Not for applications: JRaft finds it through {@code META-INF/services}, ahead of its own factory by
 * priority.
 */
@SPI(priority = 100)
public class LithairRaftRpcFactory extends BoltRaftRpcFactory {

    /** Created by JRaft's service loader. */
    public LithairRaftRpcFactory() {
    }

    @Override
    public ConfigHelper<RpcClient> defaultJRaftClientConfigHelper(RpcOptions options) {
        ConfigHelper<RpcClient> inherited = super.defaultJRaftClientConfigHelper(options);
        MutualTls tls = options instanceof MemberNodeOptions node ? node.tls()
                : options instanceof MemberCliOptions cli ? cli.tls() : null;
        if (tls == null) {
            return inherited;
        }
        return client -> {
            if (inherited != null) {
                inherited.config(client);
            }
            secure(client, tls);
        };
    }

    /** Makes every connection {@code client} opens start with a TLS handshake. */
    static void secure(RpcClient client, MutualTls tls) {
        ((BoltRpcClient) client).getRpcClient().option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER,
                TlsChannelHandlers.connecting(tls));
    }

    /** A Raft node's options carrying the member's TLS (JRaft keeps this very object and hands it to its client). */
    static final class MemberNodeOptions extends NodeOptions {

        private final MutualTls tls;

        MemberNodeOptions(MutualTls tls) {
            this.tls = tls;
        }

        MutualTls tls() {
            return tls;
        }
    }

    /** A CLI service's options carrying the member's TLS. */
    static final class MemberCliOptions extends CliOptions {

        private final MutualTls tls;

        MemberCliOptions(MutualTls tls) {
            this.tls = tls;
        }

        MutualTls tls() {
            return tls;
        }
    }
}
