package io.trajstream.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at test
 * time with the JDK's {@code keytool} (no key material is kept in the source tree): a server
 * context that presents it and a client context that trusts only it.
 *
 * @param server for {@link HostileHttpServer#startTls}
 * @param client for an HTTP client that should trust the test server
 */
public record SelfSignedTls(SSLContext server, SSLContext client) {
  private static final char[] PASSWORD = "test-only".toCharArray();

  /**
   * Generates the certificate in {@code dir}; empty when the JDK has no {@code keytool} or it
   * fails (the caller skips its TLS test with a message).
   */
  public static Optional<SelfSignedTls> create(Path dir) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      return Optional.empty();
    }
    Path store = dir.resolve("localhost.p12");
    Files.deleteIfExists(store);
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(store)) {
      p.destroyForcibly();
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return Optional.of(new SelfSignedTls(server, client));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the generated test certificate: " + e.getMessage(), e);
    }
  }
}
