package io.trajstream.runtime;

import io.trajstream.store.http.TransientHttpException;
import io.trajstream.store.http.ContentRange;
import io.trajstream.store.http.BodyReader;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One object of an {@link HttpStore}, read by ranged GETs straight into the caller's buffer.
 *
 * <p>Right bytes or none: every 206 must carry the {@code Content-Range} asked for and a total equal
 * to the length known, every 200 a length equal to it; the first response's ETag (else its
 * Last-Modified) pins the version, and later requests carry {@code If-Match} (else {@code
 * If-Unmodified-Since}), so a change shows as "object changed while reading", never as mixed bytes.
 *
 * <p>Bounded: no more than asked is read from any body (the exchange is aborted beyond it), no
 * buffer is sized from a header before its bytes arrive, and a server that ignores {@code Range} is
 * read whole only when the object is at most {@value #WHOLE_LIMIT} bytes (kept for this input's
 * life); larger ones fail with "server ignores Range requests".
 *
 * <p>Lazy: opening costs nothing. The length comes from the first response: a read's {@code
 * Content-Range} total, or, when {@link #length()} is asked first, a speculative GET of the first
 * {@value #HEAD_BYTES} bytes, which are kept for later reads.
 */
final class HttpObjectInput implements StoreInput {
  /**
   * Bytes fetched by the first {@link #length()} call, and kept: generous, since a format that asks
   * the length first goes on to read its metadata at the start of the object.
   */
  static final int HEAD_BYTES = 1024 * 1024;
  /** The largest object read whole from a server that ignores {@code Range}. */
  static final int WHOLE_LIMIT = 8 * 1024 * 1024;
  /** Lengths above this (1 PiB) are taken as a server's error. */
  static final long MAX_OBJECT = 1L << 50;
  /** The largest object {@link #readAll()} can return. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final HttpStore store;
  private final HttpRequester requester;
  private final String key;
  private final URI uri;
  private final String where;
  private final Object probeLock = new Object();
  private volatile long length;
  private volatile ObjectVersion version;
  private volatile byte[] head;
  private volatile byte[] whole;

  HttpObjectInput(HttpStore store, HttpRequester requester, String key, URI uri, String where,
      long length, ObjectVersion version, byte[] head) {
    this.store = store;
    this.requester = requester;
    this.key = key;
    this.uri = uri;
    this.where = where;
    this.length = length;
    this.version = version;
    this.head = head;
  }

  /** Long reads become parallel ranged requests of {@link StoreInput#REMOTE_PART_SIZE}. */
  @Override
  public int preferredPartSize() {
    return REMOTE_PART_SIZE;
  }

  @Override
  public String location() {
    return where;
  }

  @Override
  public long length() throws IOException {
    long known = length;
    if (known >= 0) {
      return known;
    }
    synchronized (probeLock) {
      if (length < 0) {
        requester.withRetries(where, () -> {
          probe();
          return null;
        });
      }
      if (length < 0) {
        learnLength(store.head(key));
      }
      if (length < 0) {
        throw new StoreException(where, "server tells no length (no Content-Range total, no Content-Length)");
      }
      return length;
    }
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    long known = length;
    if (known >= 0 || len == 0) {
      StoreInputs.checkRange(where, known >= 0 ? known : length(), position, len);
    } else if (position < 0) {
      StoreInputs.checkRange(where, Long.MAX_VALUE, position, len);
    }
    if (len == 0) {
      return;
    }
    if (copyFromKept(position, buf, off, len)) {
      return;
    }
    long[] done = {0};
    requester.withRetries(where, () -> {
      fetchRange(position, buf, off, len, done);
      return null;
    });
  }

  private boolean copyFromKept(long position, byte[] buf, int off, int len) throws EOFException {
    byte[] w = whole;
    if (w != null) {
      StoreInputs.checkRange(where, w.length, position, len);
      System.arraycopy(w, (int) position, buf, off, len);
      return true;
    }
    byte[] h = head;
    if (h != null && position + len <= h.length) {
      System.arraycopy(h, (int) position, buf, off, len);
      return true;
    }
    return false;
  }

  /** One attempt at bytes {@code position + done[0]} to {@code position + len - 1}; {@code done[0]} counts what arrived. */
  private void fetchRange(long position, byte[] buf, int off, int len, long[] done) throws IOException {
    if (copyFromKept(position, buf, off, len)) {
      return;
    }
    long from = position + done[0];
    long to = position + len - 1;
    try (HttpRequester.Response r = send("GET", "bytes=" + from + "-" + to)) {
      switch (r.status()) {
        case 206 -> {
          ContentRange cr = contentRange(r);
          learnLength(cr.total());
          checkVersion(r.headers());
          if (cr.first() != from || cr.last() != to) {
            if (cr.first() == from && cr.total() >= 0 && cr.last() == cr.total() - 1 && to > cr.last()) {
              throw pastEnd(position, len, cr.total());
            }
            throw wrongRange(cr, from, to);
          }
          long cl = contentLength(where, r.headers());
          if (cl >= 0 && cl != cr.length()) {
            throw new StoreException(where, "Content-Length " + cl + " does not match Content-Range bytes "
                + cr.first() + "-" + cr.last());
          }
          readBody(r, buf, off, len, done, cl);
        }
        case 200 -> readFromWholeAnswer(r, position, buf, off, len, done);
        case 416 -> {
          ContentRange cr = ContentRange.parse(r.headers().firstValue("Content-Range").orElse(null));
          if (cr != null) {
            learnLength(cr.total());
          }
          throw pastEnd(position, len, cr == null ? -1 : cr.total());
        }
        default -> throw requester.statusFailure(where, r);
      }
    }
  }

  /** A 200 to a ranged GET: the server ignores Range. */
  private void readFromWholeAnswer(HttpRequester.Response r, long position, byte[] buf, int off, int len, long[] done)
      throws IOException {
    long cl = contentLength(where, r.headers());
    learnLength(cl);
    checkVersion(r.headers());
    if (cl > WHOLE_LIMIT) {
      if (position == 0 && len == cl) {
        done[0] = 0;
        readBody(r, buf, off, len, done, cl);
        return;
      }
      throw ignoresRange(cl);
    }
    byte[] all = readSmallWhole(r, cl);
    if (all == null) {
      throw ignoresRange(-1);
    }
    keepWhole(all);
    StoreInputs.checkRange(where, all.length, position, len);
    System.arraycopy(all, (int) position, buf, off, len);
    done[0] = len;
  }

  /** The first {@link #HEAD_BYTES} bytes and the length, in one request. */
  private void probe() throws IOException {
    try (HttpRequester.Response r = send("GET", "bytes=0-" + (HEAD_BYTES - 1))) {
      switch (r.status()) {
        case 206 -> {
          ContentRange cr = contentRange(r);
          learnLength(cr.total());
          checkVersion(r.headers());
          long expectedLast = cr.total() >= 0 ? Math.min(HEAD_BYTES, cr.total()) - 1 : cr.last();
          if (cr.first() != 0 || cr.last() != expectedLast || cr.last() >= HEAD_BYTES) {
            throw wrongRange(cr, 0, HEAD_BYTES - 1);
          }
          long cl = contentLength(where, r.headers());
          if (cl >= 0 && cl != cr.length()) {
            throw new StoreException(where, "Content-Length " + cl + " does not match Content-Range bytes 0-" + cr.last());
          }
          byte[] h = new byte[(int) cr.length()];
          readBody(r, h, 0, h.length, new long[1], cl);
          head = h;
          store.remember(key, length, version, h);
        }
        case 200 -> {
          long cl = contentLength(where, r.headers());
          learnLength(cl);
          checkVersion(r.headers());
          if (cl > WHOLE_LIMIT) {
            return; // the length is known; a read will tell whether ranges work
          }
          byte[] all = readSmallWhole(r, cl);
          if (all == null) {
            throw ignoresRange(-1);
          }
          keepWhole(all);
        }
        case 416 -> {
          ContentRange cr = ContentRange.parse(r.headers().firstValue("Content-Range").orElse(null));
          if (cr != null) {
            learnLength(cr.total());
          }
        }
        default -> throw requester.statusFailure(where, r);
      }
    }
  }

  /** The whole object, in one GET; the length comes from the response. */
  byte[] readAll() throws IOException {
    byte[] w = whole;
    if (w != null) {
      return w.clone();
    }
    byte[] h = head;
    if (h != null && length == h.length) {
      return h.clone();
    }
    GrowingBuffer g = new GrowingBuffer();
    byte[] out = requester.withRetries(where, () -> readAllAttempt(g));
    return out != null ? out : readAllByRanges();
  }

  /** One attempt at the whole object; resumes with a ranged GET where a pinned version allows; null when it must be read by ranges. */
  private byte[] readAllAttempt(GrowingBuffer g) throws IOException {
    long known = length;
    boolean resume = g.filled > 0 && known >= 0 && version != null;
    try (HttpRequester.Response r = send("GET", resume ? "bytes=" + g.filled + "-" + (known - 1) : null)) {
      int s = r.status();
      if (resume && s == 206) {
        ContentRange cr = contentRange(r);
        learnLength(cr.total());
        checkVersion(r.headers());
        if (cr.first() != g.filled || cr.last() != known - 1) {
          throw wrongRange(cr, g.filled, known - 1);
        }
        readGrowing(r, g, known);
        return g.buf;
      }
      if (s != 200) {
        throw requester.statusFailure(where, r);
      }
      long cl = contentLength(where, r.headers());
      if (cl > MAX_ARRAY) {
        throw tooLarge(cl);
      }
      learnLength(cl);
      checkVersion(r.headers());
      g.filled = 0;
      if (cl >= 0) {
        readGrowing(r, g, cl);
        return g.filled == 0 ? new byte[0] : g.buf;
      }
      byte[] small = readSmallWhole(r, -1);
      if (small != null) {
        learnLength(small.length);
      }
      return small;
    }
  }

  /** A long object of unknown length: its length from a ranged GET, then parts of {@link #WHOLE_LIMIT}. */
  private byte[] readAllByRanges() throws IOException {
    long total = length();
    if (total > MAX_ARRAY) {
      throw tooLarge(total);
    }
    byte[] buf = new byte[(int) Math.min(total, WHOLE_LIMIT)];
    long p = 0;
    while (p < total) {
      int n = (int) Math.min(WHOLE_LIMIT, total - p);
      if (buf.length < p + n) {
        buf = Arrays.copyOf(buf, (int) Math.min(total, Math.max(p + n, 2L * buf.length)));
      }
      readFully(p, buf, (int) p, n);
      p += n;
    }
    return buf;
  }

  /** A buffer that grows as bytes arrive (never ahead of them by more than it holds), kept across attempts. */
  private static final class GrowingBuffer {
    byte[] buf = new byte[0];
    long filled;
  }

  /** Reads a body of {@code target} bytes into {@code g} from {@code g.filled} on, doubling the buffer as bytes arrive. */
  private void readGrowing(HttpRequester.Response r, GrowingBuffer g, long target) throws IOException {
    long start = g.filled;
    BodyReader body = new BodyReader(r.response(), requester.options().readTimeout());
    try {
      while (g.filled < target) {
        if (g.buf.length <= g.filled) {
          long grown = g.buf.length == 0 ? Math.min(target, WHOLE_LIMIT) : Math.min(target, 2L * g.buf.length);
          g.buf = Arrays.copyOf(g.buf, (int) grown);
        }
        int want = (int) (g.buf.length - g.filled);
        int got = readSome(body, g.buf, (int) g.filled, want, g.filled, target);
        g.filled = start + body.bytesRead();
        if (got < want && g.filled < target) {
          throw new TransientHttpException("body ended after " + g.filled + " of " + target + " bytes");
        }
      }
      body.atEnd();
    } finally {
      g.filled = Math.min(target, start + body.bytesRead());
      body.close();
    }
  }

  /** Reads {@code len - done[0]} bytes of a body into {@code buf}; {@code done[0]} counts what arrived. */
  private void readBody(HttpRequester.Response r, byte[] buf, int off, int len, long[] done, long contentLength)
      throws IOException {
    long start = done[0];
    BodyReader body = new BodyReader(r.response(), requester.options().readTimeout());
    try {
      int want = (int) (len - start);
      int got = readSome(body, buf, off + (int) start, want, 0, want);
      done[0] = start + got;
      if (got < want) {
        throw new TransientHttpException("body ended after " + got + " of " + want + " bytes");
      }
      if (contentLength >= 0) {
        body.atEnd(); // the framing says it has ended: lets the connection be reused
      }
    } finally {
      done[0] = Math.min(len, start + body.bytesRead());
      body.close();
    }
  }

  /**
   * {@link BodyReader#readUpTo}, with a connection lost mid-body reported as a body that ended
   * early ({@code before} bytes of this body were in before this call, {@code expected} in all, or -1).
   */
  private static int readSome(BodyReader body, byte[] buf, int off, int len, long before, long expected)
      throws IOException {
    long at = body.bytesRead();
    try {
      return body.readUpTo(buf, off, len);
    } catch (TransientHttpException e) {
      throw e;
    } catch (IOException e) {
      long got = before + body.bytesRead() - at;
      throw new TransientHttpException("body ended after " + got
          + (expected >= 0 ? " of " + expected : "") + " bytes (connection lost)");
    }
  }

  /** A whole body of at most {@link #WHOLE_LIMIT} bytes, or null (and the exchange aborted) when it is longer. */
  private byte[] readSmallWhole(HttpRequester.Response r, long contentLength) throws IOException {
    try (BodyReader body = new BodyReader(r.response(), requester.options().readTimeout())) {
      if (contentLength >= 0) {
        byte[] all = new byte[(int) contentLength];
        int got = readSome(body, all, 0, all.length, 0, contentLength);
        if (got < all.length) {
          throw new TransientHttpException("body ended after " + got + " of " + contentLength + " bytes");
        }
        return all;
      }
      byte[] buf = new byte[64 * 1024];
      int filled = 0;
      while (true) {
        if (filled == buf.length) {
          if (buf.length > WHOLE_LIMIT) {
            return null;
          }
          buf = Arrays.copyOf(buf, Math.min(2 * buf.length, WHOLE_LIMIT + 1));
        }
        int want = buf.length - filled;
        int got = readSome(body, buf, filled, want, filled, -1);
        filled += got;
        if (got < want) {
          return Arrays.copyOf(buf, filled);
        }
      }
    }
  }

  private void keepWhole(byte[] all) throws StoreException {
    learnLength(all.length);
    whole = all;
  }

  private HttpRequester.Response send(String method, String range) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (range != null) {
      headers.put("Range", range);
    }
    ObjectVersion v = version;
    if (v != null) {
      v.addPrecondition(headers);
    }
    return requester.send(where, uri, method, headers);
  }

  private synchronized void learnLength(long total) throws StoreException {
    if (total < 0) {
      return;
    }
    if (total > MAX_OBJECT) {
      throw new StoreException(where, "server reports an object of " + total + " bytes; not plausible");
    }
    if (length >= 0 && length != total) {
      store.forget(key);
      throw new StoreException(where, "object changed while reading: it is now " + total
          + " bytes, expected " + length + "; open it again");
    }
    if (length < 0) {
      length = total;
      store.remember(key, total, version, null);
    }
  }

  private synchronized void checkVersion(HttpHeaders headers) throws StoreException {
    ObjectVersion pinned = version;
    if (pinned == null) {
      version = ObjectVersion.of(headers);
      if (version != null) {
        store.remember(key, length, version, null);
      }
    } else if (!pinned.matches(headers)) {
      store.forget(key);
      ObjectVersion now = ObjectVersion.of(headers);
      throw new StoreException(where, "object changed while reading (" + pinned + ", now "
          + (now == null ? "none" : now.toString()) + "); open it again");
    }
  }

  private ContentRange contentRange(HttpRequester.Response r) throws StoreException {
    Optional<String> header = r.headers().firstValue("Content-Range");
    ContentRange cr = ContentRange.parse(header.orElse(null));
    if (cr == null || cr.first() < 0) {
      throw new StoreException(where, "HTTP 206 with " + (header.isEmpty() ? "no Content-Range"
          : "a bad Content-Range '" + clip(header.get()) + "'") + "; nothing of it used");
    }
    return cr;
  }

  /** The Content-Length of a response, or -1; a negative, huge or unreadable value is an error. */
  static long contentLength(String where, HttpHeaders headers) throws StoreException {
    Optional<String> v = headers.firstValue("Content-Length");
    if (v.isEmpty()) {
      return -1;
    }
    long n;
    try {
      n = Long.parseLong(v.get().trim());
    } catch (NumberFormatException e) {
      throw new StoreException(where, "bad Content-Length '" + clip(v.get()) + "'");
    }
    if (n < 0 || n > MAX_OBJECT) {
      throw new StoreException(where, "bad Content-Length " + n);
    }
    return n;
  }

  private StoreException wrongRange(ContentRange cr, long from, long to) {
    return new StoreException(where, "server sent bytes " + cr.first() + "-" + cr.last() + " for a request of bytes "
        + from + "-" + to + " (Content-Range); nothing of it used");
  }

  private StoreException ignoresRange(long contentLength) {
    return new StoreException(where, "server ignores Range requests: it answered a ranged GET with the whole object ("
        + (contentLength >= 0 ? contentLength + " bytes" : "more than " + WHOLE_LIMIT + " bytes")
        + "); only objects up to " + (WHOLE_LIMIT >> 20) + " MiB are read whole");
  }

  private StoreException tooLarge(long n) {
    return new StoreException(where, "object of " + n + " bytes is too large to read whole");
  }

  private EOFException pastEnd(long position, int len, long total) {
    return new EOFException(where + ": read of " + len + " bytes at " + position + " passes the end"
        + (total >= 0 ? " (" + total + " bytes)" : ""));
  }

  private static String clip(String s) {
    String t = s.replaceAll("[\\p{Cntrl}]", " ");
    return t.length() > 80 ? t.substring(0, 80) + "…" : t;
  }
}
