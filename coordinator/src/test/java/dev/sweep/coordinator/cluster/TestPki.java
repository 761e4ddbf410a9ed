package dev.sweep.coordinator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a broker certificate it signed, made with the JDK's own
 * {@code keytool}: the broker's PKCS12 keystore (its key, and the chain to the CA) and a PKCS12
 * truststore holding only the CA, which is what a client of a private cluster is given.
 *
 * @param brokerKeystore the broker's key and certificate chain; the certificate names
 *     {@code IP:127.0.0.1} and {@code DNS:localhost}, so clients' host name checks pass
 * @param truststore the CA's certificate alone
 * @param password the password of both stores (and of the broker's key), random per run
 */
public record TestPki(Path brokerKeystore, Path truststore, String password) {
    /** Days the certificates are valid: the test's run, with room. */
    private static final String VALIDITY_DAYS = "2";

    public static TestPki create(Path dir) throws IOException, InterruptedException {
        String password = "store-" + UUID.randomUUID();
        Path ca = dir.resolve("ca.p12");
        Path broker = dir.resolve("broker.p12");
        Path trust = dir.resolve("truststore.p12");
        Path csr = dir.resolve("broker.csr");
        Path signed = dir.resolve("broker.crt");
        Path caCert = dir.resolve("ca.crt");
        // EC keys: a 2048-bit RSA key pair takes seconds on a busy 2-core machine
        keytool(password, "-genkeypair", "-alias", "ca", "-dname", "CN=sweep test CA", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", VALIDITY_DAYS, "-ext", "bc:c", "-keystore", ca.toString(), "-storetype",
                "PKCS12");
        keytool(password, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString());
        keytool(password, "-genkeypair", "-alias", "broker", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", VALIDITY_DAYS, "-keystore", broker.toString(), "-storetype", "PKCS12");
        keytool(password, "-certreq", "-alias", "broker", "-keystore", broker.toString(), "-file", csr.toString());
        keytool(password, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", signed.toString(), "-validity", VALIDITY_DAYS, "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-ext", "KU=digitalSignature,keyAgreement", "-ext", "EKU=serverAuth");
        // the CA first, so the signed certificate's reply chains to it; then the reply replaces the self-signed one
        keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                broker.toString());
        keytool(password, "-importcert", "-noprompt", "-alias", "broker", "-file", signed.toString(), "-keystore",
                broker.toString());
        keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                trust.toString(), "-storetype", "PKCS12");
        return new TestPki(broker, trust, password);
    }

    private static void keytool(String password, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived JVM: the C1 compiler and the serial collector start it about 3x faster on 2 busy cores
        cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        // one password for store and key; passed as an argument, fine for a throw-away test CA
        cmd.addAll(List.of("-storepass", password, "-keypass", password));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + output);
        }
    }
}
