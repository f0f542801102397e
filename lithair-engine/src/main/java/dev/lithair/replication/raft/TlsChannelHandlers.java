package dev.lithair.replication.raft;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ExtendedNettyChannelHandler;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * The handlers Bolt puts first in the pipeline of each Raft connection of one server or client: TLS
 * with a fresh engine per connection, then a handler that keeps the peer's certificate subject on the
 * connection once the handshake succeeds ({@link #PEER_ATTRIBUTE}). Bolt asks for new handlers for
 * every connection, so each call returns new instances. Thread-safe.
 */
final class TlsChannelHandlers implements ExtendedNettyChannelHandler {

    /** The Bolt connection attribute holding the subject of the peer's verified certificate. */
    static final String PEER_ATTRIBUTE = "lithair.peer";

    private static final Logger log = LoggerFactory.getLogger(TlsChannelHandlers.class);

    private final MutualTls tls;
    private final boolean server;

    private TlsChannelHandlers(MutualTls tls, boolean server) {
        this.tls = tls;
        this.server = server;
    }

    /** For the connections a member accepts: the peer must show a trusted certificate. */
    static TlsChannelHandlers accepting(MutualTls tls) {
        return new TlsChannelHandlers(tls, true);
    }

    /** For the connections a member opens. */
    static TlsChannelHandlers connecting(MutualTls tls) {
        return new TlsChannelHandlers(tls, false);
    }

    @Override
    public List<ChannelHandler> frontChannelHandlers() {
        SslHandler ssl = new SslHandler(server ? tls.serverEngine() : tls.clientEngine());
        return List.of(ssl, new PeerIdentity(server));
    }

    @Override
    public List<ChannelHandler> backChannelHandlers() {
        return List.of();
    }

    /** Keeps the peer's certificate subject on the Bolt connection, and logs a refused handshake. */
    private static final class PeerIdentity extends ChannelInboundHandlerAdapter {

        private final boolean server;

        PeerIdentity(boolean server) {
            this.server = server;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    Connection connection = context.channel().attr(Connection.CONNECTION).get();
                    String subject = subject(context.pipeline().get(SslHandler.class));
                    if (connection != null && subject != null) {
                        connection.setAttribute(PEER_ATTRIBUTE, subject);
                    }
                } else if (server) {
                    log.warn("Refused a Raft connection from {}: {}", context.channel().remoteAddress(),
                            brief(handshake.cause()));
                } else {
                    log.warn("A Raft connection to {} failed its TLS handshake: {}", context.channel().remoteAddress(),
                            brief(handshake.cause()));
                }
            }
            super.userEventTriggered(context, event);
        }

        /** The failure's type and the start of its message: a refused stranger's bytes do not fill the log. */
        private static String brief(Throwable cause) {
            String text = cause.toString();
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }

        private static String subject(SslHandler ssl) {
            try {
                Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate certificate
                        ? certificate.getSubjectX500Principal().getName() : null;
            } catch (SSLPeerUnverifiedException e) {
                return null;
            }
        }
    }
}
