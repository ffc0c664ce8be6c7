package io.trajstream.runtime;

import io.trajstream.store.IoExecutors;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK HTTP clients of one {@link HttpStore}: one for {@code http:} requests and one for
 * {@code https:} requests, both HTTP/1.1 (parallel ranged reads get connections of their own).
 *
 * <p>The JDK client sets up TLS when it is built: the default {@link SSLContext} loads the JDK's
 * trusted certificates, which takes longer than the whole rest of a short command. A store of an
 * {@code http:} root gets a client with no TLS at all, and builds the TLS client only if a redirect
 * leads to {@code https:}; a store of an {@code https:} root builds it at once.
 */
final class HttpClients {
  private final Duration connectTimeout;
  private final SSLContext ssl;
  private final ExecutorService callbacks;
  private final HttpClient plain;
  private volatile HttpClient tls;

  /** Clients with {@code connectTimeout}, trusting what {@code ssl} trusts (null: the JDK's defaults). */
  HttpClients(URI root, Duration connectTimeout, SSLContext ssl) {
    this.connectTimeout = connectTimeout;
    this.ssl = ssl;
    // The clients' own callbacks must not share a pool with the blocking reads that wait on them.
    this.callbacks = IoExecutors.newBoundedPool("trajstream-http", 4);
    this.plain = builder().sslContext(new NoTls()).sslParameters(new SSLParameters()).build();
    if ("https".equalsIgnoreCase(root.getScheme())) {
      tls();
    }
  }

  /** The client for a request to {@code uri}. */
  HttpClient forUri(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) ? tls() : plain;
  }

  private HttpClient tls() {
    HttpClient c = tls;
    if (c == null) {
      synchronized (this) {
        c = tls;
        if (c == null) {
          HttpClient.Builder b = builder();
          if (ssl != null) {
            b.sslContext(ssl);
          }
          tls = c = b.build();
        }
      }
    }
    return c;
  }

  private HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(callbacks);
  }

  /** The TLS setup of the plain-HTTP client: it never makes a TLS connection, so none is loaded. */
  private static final class NoTls extends SSLContext {
    NoTls() {
      super(new Refusing(), null, "none");
    }
  }

  /** Refuses every use: a request reaches the plain client only for an {@code http:} URI. */
  private static final class Refusing extends SSLContextSpi {
    private static IllegalStateException refused() {
      return new IllegalStateException("the plain-HTTP client makes no TLS connections");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
