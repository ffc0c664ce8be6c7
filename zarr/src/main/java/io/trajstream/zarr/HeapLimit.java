package io.trajstream.zarr;

import io.trajstream.format.FormatException;

/**
 * The most bytes one buffer whose size comes from stored metadata (a chunk, a region, a per-frame
 * array) may take: a quarter of the JVM's maximum heap, or {@code trajstream.max-buffer-bytes} when
 * set. Sizes declared by a file are checked against it before anything is allocated, so a file that
 * declares more than fits gives a one-line {@link FormatException} instead of an {@link
 * OutOfMemoryError}.
 */
public final class HeapLimit {
  private HeapLimit() {}

  /** The limit in bytes. */
  public static long maxBufferBytes() {
    Long configured = Long.getLong("trajstream.max-buffer-bytes");
    if (configured != null && configured > 0) {
      return configured;
    }
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /**
   * Checks that a buffer of {@code bytes} for {@code what} fits.
   *
   * @param location the store or file, for the message
   * @param object the object inside it, for the message
   * @throws FormatException naming both when it does not fit
   */
  public static void check(long bytes, String location, String object, String what) {
    long max = maxBufferBytes();
    if (bytes < 0 || bytes > max) {
      throw new FormatException(location, object, what + " needs " + (bytes < 0 ? "more than 2^63 bytes" : size(bytes))
          + " at once, more than the " + size(max) + " allowed (a quarter of the heap; raise -Xmx or"
          + " -Dtrajstream.max-buffer-bytes)");
    }
  }

  /** {@code a * b * ...}, or -1 when the product does not fit in a long. */
  public static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f < 0) {
        return -1;
      }
      try {
        p = Math.multiplyExact(p, f);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return p;
  }

  private static String size(long bytes) {
    return bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
