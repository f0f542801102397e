package dev.lithair.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made when a test runs, and the member certificates it issues (EC P-256,
 * valid for a day, for 127.0.0.1 and localhost). Nothing is written unless asked for, and then only
 * into the test's own directory: no private key is ever committed.
 */
public final class CertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed authority named {@code CN=<name>}. */
    public static CertificateAuthority create(String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new CertificateAuthority(name, keys, sign(builder, keys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for {@code CN=<commonName>, O=<authority's name>}, signed by this authority. */
    public Member issue(String commonName) {
        KeyPair memberKeys = newKeys();
        try {
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name),
                    new X500Name("CN=" + commonName + ",O=" + name), memberKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost") }));
            return new Member(memberKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes this authority's certificate as PEM. */
    public Path writeCertificate(Path file) {
        return writePem(file, "CERTIFICATE", encoded(certificate));
    }

    /**
     * A member's key and certificate, and the authority that issued it.
     *
     * @param key         the member's private key
     * @param certificate the member's certificate
     * @param issuer      the certificate of the authority that signed it
     */
    public record Member(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

        /** Key material of this member; trust material: {@code trusted}, or its own issuer when none is given. */
        public SSLContext sslContext(X509Certificate... trusted) {
            try {
                char[] password = "test".toCharArray();
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("member", key, password, new Certificate[] {certificate, issuer});
                KeyStore trustStore = KeyStore.getInstance("PKCS12");
                trustStore.load(null, null);
                X509Certificate[] anchors = trusted.length == 0 ? new X509Certificate[] {issuer} : trusted;
                for (int i = 0; i < anchors.length; i++) {
                    trustStore.setCertificateEntry("trusted-" + i, anchors[i]);
                }
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keyStore, password);
                TrustManagerFactory trustManagers = TrustManagerFactory
                        .getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trustStore);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the certificate (then the issuer's, as a chain) and the PKCS#8 key as PEM files. */
        public void writePem(Path certificateFile, Path keyFile) {
            writePem(certificateFile, "CERTIFICATE", encoded(certificate), encoded(issuer));
            CertificateAuthority.writePem(keyFile, "PRIVATE KEY", key.getEncoded());
        }

        private static void writePem(Path file, String type, byte[]... blocks) {
            CertificateAuthority.writePem(file, type, blocks);
        }
    }

    private static Path writePem(Path file, String type, byte[]... blocks) {
        StringBuilder pem = new StringBuilder();
        for (byte[] block : blocks) {
            pem.append("-----BEGIN ").append(type).append("-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(block))
                    .append("\n-----END ").append(type).append("-----\n");
        }
        try {
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
