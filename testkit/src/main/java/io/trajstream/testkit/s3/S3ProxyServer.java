package io.trajstream.testkit.s3;

import io.trajstream.store.StoreConfig;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An embedded S3Proxy on 127.0.0.1 (ephemeral port) over an in-memory blob store, with SigV4
 * authentication checked (or switched off), and one bucket. For the S3 store's tests, the
 * command's end-to-end test and the benchmarks' {@code s3} store. S3Proxy is an optional
 * dependency of the testkit: modules that use this class declare {@code org.gaul:s3proxy}
 * themselves.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String BUCKET = "trajstream-test";

  private final S3Proxy proxy;
  private final String identity;
  private final String credential;
  private final boolean authenticated;

  private S3ProxyServer(boolean authenticated) throws Exception {
    this.authenticated = authenticated;
    this.identity = "AKID" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    this.credential = UUID.randomUUID().toString();
    BlobStore blobs = new TransientNio2BlobStore();
    blobs.createContainer(BUCKET);
    S3Proxy.Builder b = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"));
    b = authenticated
        ? b.awsAuthentication(AuthenticationType.AWS_V4, identity, credential)
        : b.awsAuthentication(AuthenticationType.NONE, null, null);
    this.proxy = b.build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
  }

  /** S3Proxy that checks SigV4 signatures. */
  public static S3ProxyServer withAuthentication() throws Exception {
    return new S3ProxyServer(true);
  }

  /** S3Proxy that serves anyone (no signature needed). */
  public static S3ProxyServer withoutAuthentication() throws Exception {
    return new S3ProxyServer(false);
  }

  public int port() {
    return proxy.getPort();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Storage options for a client of this server through {@code endpoint} (e.g. a FaultProxy). */
  public Map<String, String> options(URI endpoint) {
    Map<String, String> m = new TreeMap<>();
    m.put("s3.endpoint", endpoint.toString());
    m.put("s3.region", "us-east-1");
    if (authenticated) {
      m.put("s3.access-key-id", identity);
      m.put("s3.secret-access-key", credential);
    } else {
      m.put("s3.anonymous", "true");
    }
    return m;
  }

  /** Storage options for a direct client of this server. */
  public StoreConfig config() {
    return StoreConfig.of(options(endpoint()));
  }

  public String identity() {
    return identity;
  }

  public String credential() {
    return credential;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
