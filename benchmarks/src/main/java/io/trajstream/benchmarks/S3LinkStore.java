package io.trajstream.benchmarks;

import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.ForwardingStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3 API server holding one trajectory, read over a slow link: an embedded S3Proxy (SigV4
 * checked, in-memory blobs) behind a {@link FaultProxy} with a one-way delay and a bandwidth cap
 * shared by all connections, read by TrajStream's own S3 store with {@code s3.endpoint} = the
 * proxy. The files are uploaded once, directly to the server (not through the link), when the
 * store is opened. Closing it closes the S3 store, the link and the server.
 *
 * <p>Needs {@code org.gaul:s3proxy} on the class path (an optional dependency of this module: the
 * JMH jar has it, the command does not).
 */
public final class S3LinkStore extends ForwardingStore {
  private static final String ROOT = "s3://" + S3ProxyServer.BUCKET + "/bench/";

  private final FaultProxy link;
  private final S3ProxyServer server;

  private S3LinkStore(Store delegate, FaultProxy link, S3ProxyServer server) {
    super(delegate);
    this.link = link;
    this.server = server;
  }

  /**
   * Starts a server, uploads the file {@code dir/key} (or every file below the directory {@code
   * dir/key}) under the same relative keys, and returns a store reading it through a link with
   * {@code oneWay} delay and {@code bytesPerSecond} cap (0: none).
   */
  public static S3LinkStore open(Path dir, String key, Duration oneWay, long bytesPerSecond) throws IOException {
    S3ProxyServer server = start();
    FaultProxy link = null;
    try {
      try (Store direct = new S3StoreFactory().create(URI.create(ROOT), server.config())) {
        StoreFixtures.upload(dir.resolve(key), direct, key);
      }
      link = FaultProxy.start(server.port());
      link.setDelay(oneWay).setBandwidth(bytesPerSecond);
      Store store = new S3StoreFactory().create(URI.create(ROOT), StoreConfig.of(server.options(link.uri())));
      return new S3LinkStore(store, link, server);
    } catch (IOException | RuntimeException e) {
      if (link != null) {
        link.close();
      }
      stop(server);
      throw e;
    }
  }

  private static S3ProxyServer start() throws IOException {
    try {
      return S3ProxyServer.withAuthentication();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting S3Proxy");
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("S3Proxy did not start: " + e.getMessage(), e);
    }
  }

  private static void stop(S3ProxyServer server) throws IOException {
    try {
      server.close();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("S3Proxy did not stop: " + e.getMessage(), e);
    }
  }

  /** Bytes the link has carried from the server to the client so far (responses, headers included). */
  public long bytesThroughLink() {
    return link.bytesToClient();
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      try {
        link.close();
      } finally {
        stop(server);
      }
    }
  }
}
