package io.trajstream.testkit;

import java.nio.ByteBuffer;
import java.util.Random;

/** Byte arrays for tests: seeded random contents, and the remaining bytes of a buffer. */
public final class TestBytes {
  private TestBytes() {}

  /** {@code n} random bytes, the same for the same {@code seed}. */
  public static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A copy of {@code b}'s remaining bytes; {@code b} itself is left as it was. */
  public static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
