package io.trajstream.runtime;

import io.trajstream.store.http.Http1Client;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Read-only {@code http:} / {@code https:} store on {@link Http1Client}, a small blocking
 * HTTP/1.1 client (parallel ranged GETs use parallel connections; bodies are read by the calling
 * thread straight into the caller's buffer; TLS is set up only when an {@code https:} URL is used).
 *
 * <p>Requests: {@link #readAll} is one GET whose length comes from the response; {@link
 * #newInput(String)} sends nothing until the first read, whose {@code Content-Range} gives the
 * length (or, when the length is asked first, a GET of the first MiB, which is kept); {@link
 * #exists} is that same GET (a HEAD would be refused by a presigned GET URL). What a response tells
 * about an object (length, version, first bytes) is remembered for the next input of the same key
 * (at most 64 objects, and 8 MiB of first bytes). See {@link HttpObjectInput} for how bodies are
 * checked and bounded.
 *
 * <p>URLs: the root's query (a presigned URL's signature) goes on every request after the key's
 * path; {@code user:password@} in the root is sent as Basic credentials to the root's own origin
 * only; {@link #root()}, {@link #location(String)} and every message mask the password and secret
 * query values. Redirects are followed (up to 5, never from https to http, credentials dropped
 * on another origin).
 *
 * <p>Options ({@link HttpStoreOptions}): {@code http.timeout-ms} (connect and response headers,
 * default 30000), {@code http.read-timeout-ms} (body progress, default 30000), {@code http.retries}
 * (default 3; connection failures, time-outs, 408, 429 and 5xx; never TLS failures or other 4xx),
 * {@code http.max-retry-wait-ms} (cap on backoff and Retry-After, default 20000).
 */
public final class HttpStore implements Store {
  private static final int REMEMBERED = 64;
  private static final long REMEMBERED_HEAD_BYTES = 8L * 1024 * 1024;

  private final HttpTarget target;
  private final HttpRequester requester;
  private final Map<String, Facts> facts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Facts> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** What responses told about one object: length (-1 unknown), pinned version, first bytes. */
  record Facts(long length, ObjectVersion version, byte[] head) {}

  /** A store of {@code root} with the given options. */
  public HttpStore(URI root, HttpStoreOptions options) {
    this(root, options, null);
  }

  /** A store of {@code root} with the given header timeout and retries, other options at their defaults. */
  public HttpStore(URI root, Duration timeout, int retries) {
    this(root, new HttpStoreOptions(timeout, HttpStoreOptions.defaults().readTimeout(), retries,
        HttpStoreOptions.defaults().maxRetryWait()));
  }

  /** As {@link #HttpStore(URI, HttpStoreOptions)}, trusting what {@code ssl} trusts (null: the JDK's defaults). */
  HttpStore(URI root, HttpStoreOptions options, SSLContext ssl) {
    this.target = new HttpTarget(root);
    this.requester = new HttpRequester(new Http1Client(options.timeout(), ssl), options, target);
  }

  @Override
  public String root() {
    return target.root();
  }

  @Override
  public String location(String key) {
    return target.location(key);
  }

  @Override
  public StoreInput newInput(String key) {
    Facts f = remembered(key);
    return f == null ? input(key, -1, null, null) : input(key, f.length(), f.version(), f.head());
  }

  @Override
  public StoreInput newInput(String key, long knownLength) {
    if (knownLength < 0) {
      throw new IllegalArgumentException(location(key) + ": negative length " + knownLength);
    }
    Facts f = remembered(key);
    return f != null && f.length() == knownLength
        ? input(key, knownLength, f.version(), f.head())
        : input(key, knownLength, null, null);
  }

  private HttpObjectInput input(String key, long length, ObjectVersion version, byte[] head) {
    return new HttpObjectInput(this, requester, key, target.uri(key), target.location(key), length, version, head);
  }

  /** One GET, no HEAD first; none when an earlier response held the whole object. */
  @Override
  public byte[] readAll(String key) throws IOException {
    return ((HttpObjectInput) newInput(key)).readAll();
  }

  /**
   * One ranged GET of the first MiB (a HEAD would fail on a presigned GET URL); what it tells,
   * bytes included, serves the next input or {@link #readAll} of the same key.
   */
  @Override
  public boolean exists(String key) throws IOException {
    try {
      newInput(key).length();
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * One HEAD: the object's length (-1 when the server gives none), remembered with its version;
   * only for servers whose ranged responses do not say the total.
   */
  long head(String key) throws IOException {
    String where = location(key);
    return requester.withRetries(where, () -> {
      try (HttpRequester.Response r = requester.send(where, target.uri(key), "HEAD", Map.of())) {
        if (r.status() != 200) {
          throw requester.statusFailure(where, r);
        }
        long len = HttpObjectInput.contentLength(where, r.headers());
        remember(key, len, ObjectVersion.of(r.headers()), null);
        return len;
      }
    });
  }

  private synchronized Facts remembered(String key) {
    return facts.get(key);
  }

  /** Merges what a response told about {@code key} into what is remembered. */
  synchronized void remember(String key, long length, ObjectVersion version, byte[] head) {
    Facts old = facts.get(key);
    if (old != null && ((old.length() >= 0 && length >= 0 && old.length() != length)
        || (old.version() != null && version != null && !old.version().equals(version)))) {
      old = null;
    }
    facts.put(key, new Facts(
        length >= 0 ? length : old == null ? -1 : old.length(),
        version != null ? version : old == null ? null : old.version(),
        head != null ? head : old == null ? null : old.head()));
    dropHeadsOverBudget();
  }

  /** Forgets the first bytes of the least recently used objects while they hold more than the budget. */
  private void dropHeadsOverBudget() {
    long held = 0;
    for (Facts f : facts.values()) {
      held += f.head() == null ? 0 : f.head().length;
    }
    for (Map.Entry<String, Facts> e : facts.entrySet()) {
      if (held <= REMEMBERED_HEAD_BYTES) {
        return;
      }
      Facts f = e.getValue();
      if (f.head() != null) {
        held -= f.head().length;
        e.setValue(new Facts(f.length(), f.version(), null));
      }
    }
  }

  /** Drops what is remembered about {@code key} (it changed). */
  synchronized void forget(String key) {
    facts.remove(key);
  }

  @Override
  public Stream<StoreEntry> list(String prefix) {
    throw new UnsupportedOperationException(root() + ": plain HTTP cannot list objects");
  }

  @Override
  public void write(String key, java.nio.ByteBuffer data) {
    throw new UnsupportedOperationException(location(key) + ": HTTP stores are read-only");
  }

  @Override
  public void delete(String key) {
    throw new UnsupportedOperationException(location(key) + ": HTTP stores are read-only");
  }

  /** Closes the connections kept for later requests. */
  @Override
  public void close() {
    requester.close();
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_ONLY;
  }
}
