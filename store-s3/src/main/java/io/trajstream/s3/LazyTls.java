package io.trajstream.s3;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The TLS of an S3 client whose endpoint is plain {@code http:}: the JDK's default TLS (which loads
 * the trusted certificates, a noticeable part of a short command) is set up only if a connection
 * ever needs it. Clients of {@code https:} endpoints keep the SDK's own, set up while the client is
 * built in the background.
 */
final class LazyTls implements TlsSocketStrategy {
  private volatile TlsSocketStrategy delegate;

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    TlsSocketStrategy d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          delegate = d = DefaultClientTlsStrategy.createDefault();
        }
      }
    }
    return d.upgrade(socket, target, port, attachment, context);
  }
}
