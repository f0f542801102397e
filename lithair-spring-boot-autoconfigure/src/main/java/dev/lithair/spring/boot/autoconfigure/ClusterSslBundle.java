package dev.lithair.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import dev.lithair.replication.raft.MutualTls;

/**
 * The Raft transport's mutual TLS from the Spring Boot SSL bundle that {@code lithair.cluster.ssl.bundle}
 * names: the bundle's SSL context (its key store shows this member's certificate, its trust store
 * decides which peers are members), protocols and cipher suites. A bundle without a key or without a
 * trust store is refused: without the first the member has nothing to show, without the second it would
 * accept any certificate the JDK trusts.
 */
final class ClusterSslBundle {

    private static final String PROPERTY = "lithair.cluster.ssl.bundle";

    private ClusterSslBundle() {
    }

    static MutualTls mutualTls(SslBundles bundles, String name) {
        if (bundles == null) {
            throw new InvalidLithairConfigurationException(PROPERTY + " is '" + name
                    + "', but the application has no SslBundles (Spring Boot's SSL auto-configuration is off).",
                    "Let Spring Boot configure SSL bundles, or remove " + PROPERTY + ".");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidLithairConfigurationException(PROPERTY + " names the SSL bundle '" + name
                    + "', which is not configured.", "Configure it with spring.ssl.bundle.pem." + name
                    + ".* or spring.ssl.bundle.jks." + name + ".*, or correct " + PROPERTY + ".", e);
        }
        if (bundle.getStores() == null || bundle.getStores().getKeyStore() == null) {
            throw new InvalidLithairConfigurationException("The SSL bundle '" + name + "' (" + PROPERTY
                    + ") has no key store: a cluster member must show a certificate of its own.",
                    "Set spring.ssl.bundle.pem." + name + ".keystore.certificate and .private-key (or "
                            + "spring.ssl.bundle.jks." + name + ".keystore.location) to this member's certificate "
                            + "and key.", null);
        }
        if (bundle.getStores().getTrustStore() == null) {
            throw new InvalidLithairConfigurationException("The SSL bundle '" + name + "' (" + PROPERTY
                    + ") has no trust store: the member would accept any certificate the JDK trusts as a peer.",
                    "Set spring.ssl.bundle.pem." + name + ".truststore.certificate (or spring.ssl.bundle.jks."
                            + name + ".truststore.location) to the cluster's own certificate authority.", null);
        }
        try {
            SslOptions options = bundle.getOptions();
            return new MutualTls(bundle.createSslContext(), list(options.getEnabledProtocols()),
                    list(options.getCiphers()));
        } catch (RuntimeException e) {
            throw new InvalidLithairConfigurationException("The SSL bundle '" + name + "' (" + PROPERTY
                    + ") cannot make a TLS context: " + e.getMessage(), "Check spring.ssl.bundle.*." + name
                    + ".* (key, certificates, passwords, protocol).", e);
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
