package io.trajstream.store.http;

import io.trajstream.store.IoExecutors;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads one response body into buffers of the caller's choosing, never more than asked, and fails
 * a body that stalls or trickles: every {@value #PROGRESS_BYTES} bytes (or the end of what was
 * asked, if nearer) must arrive within the read timeout of the previous such mark, else a watchdog
 * aborts the exchange (a read blocked on it fails at once) and the read fails with {@link
 * BodyTimeoutException}; each single wait for bytes is limited to the read timeout too. Whether the
 * connection is kept afterwards is the response's choice when it is closed (only after a body read
 * to its end), so no byte beyond what was asked is ever fetched into memory.
 */
public final class BodyReader implements AutoCloseable {
  /** How many bytes count as progress. */
  public static final int PROGRESS_BYTES = 64 * 1024;

  private static final ScheduledThreadPoolExecutor WATCHDOG = newWatchdog();

  private final InputStream in;
  private final Runnable abort;
  private final String timeoutOption;
  private final long timeoutNanos;
  private volatile long markNanos;
  private long markBytes;
  private long total;
  private volatile boolean timedOut;
  private volatile boolean finished;
  private ScheduledFuture<?> check;

  /**
   * A reader of {@code response}'s body, failing after {@code timeout} without progress; the
   * failure names {@code http.read-timeout-ms} as the option that set it.
   */
  public BodyReader(Http1Response response, Duration timeout) throws IOException {
    this(response, timeout, "http.read-timeout-ms");
  }

  /**
   * A reader of {@code response}'s body, failing after {@code timeout} without progress; the
   * failure names {@code timeoutOption} (e.g. {@code s3.read-timeout-ms}) as the option that set it.
   */
  public BodyReader(Http1Response response, Duration timeout, String timeoutOption) throws IOException {
    this(response.body(), response::abort, timeout, timeoutOption);
    response.bodyTimeout(timeout);
  }

  /**
   * A reader of {@code in}, calling {@code abort} (which must end a blocked read) after {@code
   * timeout} without progress; the failure names {@code timeoutOption}.
   */
  public BodyReader(InputStream in, Runnable abort, Duration timeout, String timeoutOption) {
    this.in = in;
    this.abort = abort;
    this.timeoutOption = timeoutOption;
    this.timeoutNanos = timeout.toNanos();
    this.markNanos = System.nanoTime();
    schedule(timeoutNanos);
  }

  private static ScheduledThreadPoolExecutor newWatchdog() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, IoExecutors.daemonThreads("trajstream-http-watchdog"));
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  private synchronized void schedule(long delayNanos) {
    if (!finished) {
      check = WATCHDOG.schedule(this::watch, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }
  }

  private void watch() {
    long idle = System.nanoTime() - markNanos;
    if (finished) {
      return;
    }
    if (idle >= timeoutNanos) {
      timedOut = true;
      try {
        abort.run();
      } catch (RuntimeException ignored) {
        // the reader sees the exchange ended and reports the time-out
      }
    } else {
      schedule(timeoutNanos - idle);
    }
  }

  /** Bytes read so far. */
  public long bytesRead() {
    return total;
  }

  /**
   * Reads until {@code len} bytes are in {@code buf} at {@code off} or the body ends; returns how
   * many were read.
   *
   * @throws BodyTimeoutException when the body stopped making progress
   */
  public int readUpTo(byte[] buf, int off, int len) throws IOException {
    int got = 0;
    long goal = Math.min(PROGRESS_BYTES, len);
    long sinceMark = total - markBytes;
    try {
      while (got < len) {
        int n = in.read(buf, off + got, len - got);
        if (timedOut) {
          throw timeout();
        }
        if (n < 0) {
          break;
        }
        got += n;
        total += n;
        sinceMark += n;
        if (sinceMark >= goal || got == len) {
          markNanos = System.nanoTime();
          markBytes = total;
          sinceMark = 0;
          goal = Math.min(PROGRESS_BYTES, len - got);
        }
      }
    } catch (IOException e) {
      // the socket's own wait (the same read timeout) may end before the watchdog fires: the same stall
      if (timedOut || e instanceof java.net.SocketTimeoutException) {
        timedOut = true;
        throw timeout();
      }
      throw e;
    }
    return got;
  }

  /**
   * This reader as an {@link InputStream}, for helpers that take one (such as {@code
   * HttpReplies.readWhole}): each read fills as {@link #readUpTo} does, under the same watchdog.
   */
  public InputStream stream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return readUpTo(one, 0, 1) == 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        int n = readUpTo(b, off, len);
        return n == 0 ? -1 : n;
      }
    };
  }

  /** Whether the body has ended: reads once more and expects nothing (cheap when the length was framed). */
  public boolean atEnd() throws IOException {
    byte[] one = new byte[1];
    return readUpTo(one, 0, 1) == 0;
  }

  private BodyTimeoutException timeout() {
    long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    return new BodyTimeoutException("response body too slow: " + (total - markBytes) + " bytes in " + ms
        + " ms (" + timeoutOption + "=" + ms + " wants " + (PROGRESS_BYTES >> 10)
        + " KiB, or the rest of the range, in that time)");
  }

  /** Stops watching; the response, when closed, keeps or ends the connection. */
  @Override
  public void close() {
    synchronized (this) {
      finished = true;
      if (check != null) {
        check.cancel(false);
      }
    }
  }

  /** A body that stopped making progress within its read timeout. */
  public static final class BodyTimeoutException extends TransientHttpException {
    private static final long serialVersionUID = 1L;

    BodyTimeoutException(String message) {
      super(message);
    }
  }
}
