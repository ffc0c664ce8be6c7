package io.trajstream.azure;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream over a fixed window of a byte array: a ranged download writes into the caller's
 * buffer directly, and more bytes than the window holds is an error, never an overrun.
 */
final class RangeSink extends OutputStream {
  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;

  RangeSink(byte[] buf, int off, int len) {
    this.buf = buf;
    this.start = off;
    this.end = off + len;
    this.pos = off;
  }

  /** Bytes written so far. */
  int written() {
    return pos - start;
  }

  @Override
  public void write(int b) throws IOException {
    if (pos >= end) {
      throw new IOException("the service sent more bytes than the " + (end - start) + " asked for");
    }
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > end - pos) {
      throw new IOException("the service sent more bytes than the " + (end - start) + " asked for");
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }
}
