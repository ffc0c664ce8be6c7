package io.trajstream.runtime;

import io.trajstream.store.IoExecutors;
import io.trajstream.store.Keys;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Read-only {@code http:} / {@code https:} store on the JDK HTTP client: HEAD for lengths, ranged
 * GETs for reads. Transient failures (connection errors, 5xx, 429) are retried a few times with
 * backoff, since the JDK client does not retry on its own. Options: {@code http.timeout-ms},
 * {@code http.retries}.
 */
public final class HttpStore implements Store {
  private final URI root;
  private final HttpClient client;
  private final Duration timeout;
  private final int retries;

  public HttpStore(URI root, Duration timeout, int retries) {
    String r = root.toString();
    this.root = URI.create(r.endsWith("/") ? r : r + "/");
    this.timeout = timeout;
    this.retries = retries;
    // The client's own callbacks must not share a pool with the blocking reads that wait on them.
    ExecutorService pool = IoExecutors.newBoundedPool("trajstream-http", 4);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(pool)
            .build();
  }

  @Override
  public String root() {
    return root.toString();
  }

  private URI uriOf(String key) {
    String k = Keys.check(root(), key);
    try {
      String encoded = new URI(null, null, k, null).getRawPath();
      return root.resolve(encoded.replace(":", "%3A"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(location(key) + ": cannot encode key", e);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request, String location) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        BandwidthLimiter.sleepUntil(System.nanoTime() + Duration.ofMillis(100L << Math.min(attempt, 5)).toNanos());
      }
      try {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int s = r.statusCode();
        if (s >= 500 || s == 429) {
          last = new StoreException(location, "HTTP " + s + " after " + (attempt + 1) + " attempts");
          continue;
        }
        return r;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException(location + ": interrupted");
      } catch (IOException e) {
        last = new StoreException(location, e.getClass().getSimpleName() + ": " + e.getMessage() + " after " + (attempt + 1) + " attempts", e);
      }
    }
    throw last;
  }

  private static IOException statusError(String location, int status) {
    if (status == 404 || status == 410) {
      return new FileNotFoundException(location + ": not found (HTTP " + status + ")");
    }
    if (status == 401 || status == 403) {
      return new StoreException(location, "access denied (HTTP " + status + ")");
    }
    return new StoreException(location, "unexpected HTTP " + status);
  }

  private long head(String key) throws IOException {
    String where = location(key);
    HttpRequest req = HttpRequest.newBuilder(uriOf(key)).timeout(timeout).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<byte[]> r = send(req, where);
    if (r.statusCode() != 200) {
      throw statusError(where, r.statusCode());
    }
    OptionalLong len = r.headers().firstValueAsLong("Content-Length");
    if (len.isEmpty()) {
      throw new StoreException(where, "server sent no Content-Length");
    }
    return len.getAsLong();
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return newInput(key, head(key));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) {
    URI uri = uriOf(key);
    String where = location(key);
    return new StoreInput() {
      @Override
      public long length() {
        return knownLength;
      }

      @Override
      public String location() {
        return where;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        ByteBuffer b = read(position, len);
        b.get(buf, off, len);
      }

      @Override
      public ByteBuffer read(long position, int len) throws IOException {
        StoreInputs.checkRange(where, knownLength, position, len);
        if (len == 0) {
          return ByteBuffer.allocate(0);
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Range", "bytes=" + position + "-" + (position + len - 1)).GET().build();
        HttpResponse<byte[]> r = send(req, where);
        byte[] body = r.body();
        if (r.statusCode() == 206) {
          if (body.length != len) {
            throw new EOFException(where + ": server sent " + body.length + " of " + len + " bytes at " + position);
          }
          return ByteBuffer.wrap(body);
        }
        if (r.statusCode() == 200) {
          // server ignored the range: take the slice, if the body is whole
          if (body.length < position + len) {
            throw new EOFException(where + ": body of " + body.length + " bytes ends before " + (position + len));
          }
          return ByteBuffer.wrap(body, (int) position, len).slice();
        }
        if (r.statusCode() == 416) {
          throw new EOFException(where + ": range " + position + "+" + len + " not satisfiable");
        }
        throw statusError(where, r.statusCode());
      }
    };
  }

  @Override
  public boolean exists(String key) throws IOException {
    try {
      head(key);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  @Override
  public Stream<StoreEntry> list(String prefix) {
    throw new UnsupportedOperationException(root + ": plain HTTP cannot list objects");
  }

  @Override
  public void write(String key, ByteBuffer data) {
    throw new UnsupportedOperationException(location(key) + ": HTTP stores are read-only");
  }

  @Override
  public void delete(String key) {
    throw new UnsupportedOperationException(location(key) + ": HTTP stores are read-only");
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_ONLY;
  }
}
