package io.trajstream.xtc;

/**
 * A byte buffer per thread, grown as needed and kept between uses, so that decoding frame after
 * frame allocates no buffer for the frame bytes. Held by one reader: the buffers go with it.
 */
final class ScratchBytes {
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);

  /** This thread's buffer, of at least {@code n} bytes; its content is whatever was left in it. */
  byte[] atLeast(int n) {
    byte[] b = buffers.get();
    if (b.length < n) {
      b = new byte[Math.max(n, b.length + (b.length >> 1))];
      buffers.set(b);
    }
    return b;
  }
}
