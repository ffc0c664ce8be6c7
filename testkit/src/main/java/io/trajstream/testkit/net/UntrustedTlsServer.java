package io.trajstream.testkit.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS listener on {@code 127.0.0.1} whose certificate no client trusts (self-signed, made
 * with the JDK's {@code keytool} when the server starts), for tests that a TLS failure is
 * reported at once and never retried. It counts the connections clients open; a client that
 * completes the handshake anyway gets a 500 answer.
 */
public final class UntrustedTlsServer implements Closeable {
  private static final String PASSWORD = "untrusted";

  private final SSLServerSocket listener;
  private final ExecutorService handlers;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();

  private UntrustedTlsServer(SSLContext tls) throws IOException {
    listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    handlers = new ThreadPoolExecutor(0, 8, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "untrusted-tls-" + listener.getLocalPort());
      t.setDaemon(true);
      return t;
    });
    acceptor = new Thread(this::acceptLoop, "untrusted-tls-" + listener.getLocalPort() + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Makes a self-signed certificate in {@code workDir} and starts listening on an ephemeral port. */
  public static UntrustedTlsServer start(Path workDir) throws IOException, InterruptedException {
    Path store = workDir.resolve("untrusted-" + System.nanoTime() + ".p12");
    Files.createDirectories(workDir);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "untrusted", "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool could not make a test certificate: " + out.trim());
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      return new UntrustedTlsServer(tls);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("test certificate unusable: " + e.getMessage(), e);
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code https://127.0.0.1:port}. */
  public URI uri() {
    return URI.create("https://127.0.0.1:" + port());
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Handshakes that completed (a client that trusted the certificate). */
  public int completedHandshakes() {
    return handshakes.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      try {
        handlers.execute(() -> handle((SSLSocket) s));
      } catch (RejectedExecutionException e) {
        closeQuietly(s);
      }
    }
  }

  private void handle(SSLSocket s) {
    try (s) {
      s.setSoTimeout(10_000);
      s.startHandshake();
      handshakes.incrementAndGet();
      s.getOutputStream().write("HTTP/1.1 500 Untrusted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      // the client refused the certificate: the point of this server
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closeQuietly0();
    handlers.shutdownNow();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeQuietly0() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
