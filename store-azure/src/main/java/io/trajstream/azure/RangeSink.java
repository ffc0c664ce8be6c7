package io.trajstream.azure;

import io.trajstream.store.HttpReplies;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * An output stream over a fixed window of a byte array: a ranged download writes into the caller's
 * buffer directly, and more bytes than the window holds is an error, never an overrun.
 */
final class RangeSink extends OutputStream {
  private final byte[] buf;
  private final int start;
  private final int end;
  private final HttpReplies.Pace pace;
  private int pos;

  /**
   * A sink for {@code len} bytes at {@code off}; a body that brings fewer than {@code minBytes} in
   * a {@code window} fails "too slow" (a trickle that never trips the socket's read timeout).
   */
  RangeSink(byte[] buf, int off, int len, Duration window, long minBytes) {
    this.buf = buf;
    this.start = off;
    this.end = off + len;
    this.pos = off;
    this.pace = new HttpReplies.Pace(window, minBytes);
  }

  /** Bytes written so far. */
  int written() {
    return pos - start;
  }

  @Override
  public void write(int b) throws IOException {
    pace.beforeRead();
    pace.received(1);
    if (pos >= end) {
      throw new IOException("the service sent more bytes than the " + (end - start) + " asked for");
    }
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    pace.beforeRead();
    pace.received(len);
    if (len > end - pos) {
      throw new IOException("the service sent more bytes than the " + (end - start) + " asked for");
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }
}
