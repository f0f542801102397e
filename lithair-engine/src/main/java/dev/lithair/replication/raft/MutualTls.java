package dev.lithair.replication.raft;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Mutual TLS for a member's Raft connections, in and out: the member shows the certificate of
 * {@code context}'s key material, and accepts a peer only if the peer's certificate passes
 * {@code context}'s trust material; a peer without one is refused during the handshake, before it can
 * send anything. Peers are not checked by host name: every certificate the trust material accepts is a
 * member, so the trust material should be a certificate authority of the cluster's own. Immutable.
 *
 * @param context      key and trust material, e.g. from a Spring Boot SSL bundle
 * @param protocols    the TLS versions to enable, or empty for the context's defaults
 * @param cipherSuites the cipher suites to enable, or empty for the context's defaults
 */
public record MutualTls(SSLContext context, List<String> protocols, List<String> cipherSuites) {

    /**
     * Requires the context; no protocols or cipher suites means the context's defaults.
     *
     * @param context      key and trust material, e.g. from a Spring Boot SSL bundle
     * @param protocols    the TLS versions to enable, or empty for the context's defaults
     * @param cipherSuites the cipher suites to enable, or empty for the context's defaults
     */
    public MutualTls {
        Objects.requireNonNull(context, "context");
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    }

    /**
     * The context's default protocols and cipher suites.
     *
     * @param context key and trust material
     * @return the mutual TLS
     */
    public static MutualTls of(SSLContext context) {
        return new MutualTls(context, List.of(), List.of());
    }

    /** A new engine for one accepted connection: it requires the client's certificate. */
    SSLEngine serverEngine() {
        SSLEngine engine = configured(context.createSSLEngine());
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return engine;
    }

    /** A new engine for one connection this member opens: it offers this member's certificate when asked. */
    SSLEngine clientEngine() {
        SSLEngine engine = configured(context.createSSLEngine());
        engine.setUseClientMode(true);
        return engine;
    }

    private SSLEngine configured(SSLEngine engine) {
        if (!protocols.isEmpty()) {
            engine.setEnabledProtocols(protocols.toArray(String[]::new));
        }
        if (!cipherSuites.isEmpty()) {
            engine.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
        }
        return engine;
    }
}
