package io.trajstream.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The rules every HTTP-based store applies to what a server answers, whatever SDK carries the
 * request: which failures are worth another attempt, whether a ranged answer holds the bytes asked
 * for, and how much body and how slow a body a read accepts. Stores plug these into their SDK's
 * hooks (a retry strategy, a transport wrapper), so the rules live in one place.
 *
 * <p>Retried: connection failures, resets and time-outs, HTTP 408, 429 and 5xx but 501 and 505.
 * Never retried: TLS failures (an untrusted certificate does not heal), unknown hosts, every other
 * 4xx, and a {@link Refused} answer (one that does not answer the request: a whole object for a
 * range, a range other than the one asked for, a bad length, a body too long or too slow).
 */
@io.trajstream.Experimental
public final class HttpReplies {
  private static final Pattern RANGE = Pattern.compile("\\s*bytes=(\\d{1,18})-(\\d{0,18})\\s*");
  private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)\\s*");

  private HttpReplies() {}

  /** An answer that does not answer the request; never retried (the same server answers alike). */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  /** Whether a response with this status is worth another attempt. */
  public static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  /** Whether a failure without a usable response ({@code t} or a cause) is worth another attempt. */
  public static boolean retryableFailure(Throwable t) {
    return !tlsFailure(t) && !unknownHost(t) && cause(t, Refused.class) == null;
  }

  /** Whether {@code t} or a cause is a TLS handshake, certificate or peer-verification failure. */
  public static boolean tlsFailure(Throwable t) {
    return cause(t, SSLException.class) != null || cause(t, GeneralSecurityException.class) != null;
  }

  /** Whether {@code t} or a cause says the host name does not resolve. */
  public static boolean unknownHost(Throwable t) {
    return cause(t, UnknownHostException.class) != null || cause(t, UnresolvedAddressException.class) != null;
  }

  /** The first of {@code t} and its causes that is a {@code type}, or null. */
  public static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /**
   * A {@code Retry-After} value as a delay from {@code now}: delay-seconds or an HTTP date (a date
   * in the past gives zero); null when absent or unreadable.
   */
  public static Duration retryAfter(String value, java.time.Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return v.length() > 9 ? Duration.ofSeconds(999_999_999L) : Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      java.time.Instant at =
          java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * How many body bytes may follow a successful answer, checking that it answers the request:
   * for a request with {@code Range: bytes=first-last}, a 206 must say {@code Content-Range: bytes
   * first-...} and no more than asked (a 200 is accepted only for a range from 0: the whole object
   * starts where asked); otherwise the declared Content-Length. Returns -1 when nothing bounds the
   * body (no range, no length). Throws {@link Refused} when the answer does not fit.
   *
   * @param range the request's Range header, or null
   * @param status the response status (2xx; anything else is left to the caller)
   * @param contentRange the response's Content-Range header, or null
   * @param contentLength the response's Content-Length header, or null
   */
  public static long bodyLimit(String range, int status, String contentRange, String contentLength) throws Refused {
    long declared = -1;
    if (contentLength != null) {
      try {
        declared = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new Refused("bad Content-Length '" + contentLength + "'");
      }
      if (declared < 0) {
        throw new Refused("bad Content-Length " + declared);
      }
    }
    Matcher asked = range == null ? null : RANGE.matcher(range);
    if (asked == null || !asked.matches() || status < 200 || status > 299) {
      return declared;
    }
    long first = Long.parseLong(asked.group(1));
    long last = asked.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(asked.group(2));
    if (status != 206) {
      if (first != 0) {
        throw new Refused("the server ignored the Range header: HTTP " + status + " for bytes " + first + "-"
            + (asked.group(2).isEmpty() ? "" : last));
      }
      return declared < 0 ? last == Long.MAX_VALUE ? -1 : last + 1 : Math.min(declared, last + 1);
    }
    Matcher got = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
    if (got == null || !got.matches()) {
      throw new Refused("a 206 answer without a valid Content-Range (" + contentRange + ") for bytes " + first + "-");
    }
    long gotFirst = Long.parseLong(got.group(1));
    long gotLast = Long.parseLong(got.group(2));
    if (gotFirst != first || gotLast > last || gotLast < gotFirst) {
      throw new Refused("asked for bytes " + first + "-" + (asked.group(2).isEmpty() ? "" : last) + ", got "
          + contentRange.trim());
    }
    long length = gotLast - gotFirst + 1;
    if (declared >= 0 && declared != length) {
      throw new Refused("Content-Length " + declared + " disagrees with Content-Range " + contentRange.trim());
    }
    return length;
  }

  /** Longest array a whole read fills. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * Reads a whole-object body of {@code declared} bytes (its Content-Length) from {@code in}: the
   * buffer grows with the bytes that arrive, never from the header alone, so a lying length costs
   * only the real body; nothing past {@code declared} is read. A body without a length ({@code
   * declared < 0}) or too large for one array is {@link Refused} before any byte is read; a body
   * that ends early is an {@link java.io.EOFException} (worth another attempt).
   */
  public static byte[] readWhole(InputStream in, long declared) throws IOException {
    if (declared < 0) {
      throw new Refused("the answer declares no Content-Length, so a whole read has no bound");
    }
    if (declared > MAX_ARRAY) {
      throw new Refused("object of " + declared + " bytes is too large to read whole");
    }
    byte[] buf = new byte[(int) Math.min(declared, 1 << 16)];
    int n = 0;
    while (n < declared) {
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(declared, Math.max(2L * buf.length, 1)));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        throw new java.io.EOFException("body ended after " + n + " of " + declared + " bytes");
      }
      n += r;
    }
    return buf;
  }

  /**
   * {@code in} bounded: at most {@code limit} bytes (-1: no limit), more is a {@link Refused}
   * error; and at least {@code minBytes} bytes in every {@code window} once the first read
   * started, else a {@link Refused} "too slow" error (a trickling body that never trips a socket
   * read timeout).
   */
  public static InputStream guard(InputStream in, long limit, Duration window, long minBytes) {
    return new Guarded(in, limit, window.toNanos(), minBytes);
  }

  /**
   * The pace a body must keep: at least {@code minBytes} bytes in every {@code window} once the
   * first read started, else a {@link Refused} "too slow" error. For store code that receives a
   * body through a callback rather than a stream (call {@link #beforeRead} before each piece and
   * {@link #received} after it). Not thread safe: one per body.
   */
  public static final class Pace {
    private final long windowNanos;
    private final long minBytes;
    private long windowStart = -1;
    private long windowBytes;

    public Pace(Duration window, long minBytes) {
      this.windowNanos = window.toNanos();
      this.minBytes = minBytes;
    }

    /** Fails when the window that just ended brought fewer than the minimum bytes. */
    public void beforeRead() throws Refused {
      long now = System.nanoTime();
      if (windowStart < 0) {
        windowStart = now;
      } else if (now - windowStart >= windowNanos) {
        if (windowBytes < minBytes) {
          throw new Refused("body too slow: " + windowBytes + " bytes in " + Duration.ofNanos(now - windowStart).toMillis()
              + " ms");
        }
        windowStart = now;
        windowBytes = 0;
      }
    }

    /** Counts {@code n} bytes received. */
    public void received(long n) {
      windowBytes += n;
    }
  }

  private static final class Guarded extends FilterInputStream {
    private final long limit;
    private final Pace pace;
    private long total;

    Guarded(InputStream in, long limit, long windowNanos, long minBytes) {
      super(in);
      this.limit = limit;
      this.pace = new Pace(Duration.ofNanos(windowNanos), minBytes);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      pace.beforeRead();
      int n = super.read(b, off, len);
      if (n > 0) {
        total += n;
        pace.received(n);
        if (limit >= 0 && total > limit) {
          throw new Refused("body longer than the " + limit + " bytes announced");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
      int r = read(sink, 0, (int) Math.min(sink.length, n));
      return Math.max(0, r);
    }
  }
}
