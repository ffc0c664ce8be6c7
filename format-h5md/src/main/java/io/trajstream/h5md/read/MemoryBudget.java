package io.trajstream.h5md.read;

import io.trajstream.format.FormatException;

/**
 * The most memory one array built from a size the file declares may take: a quarter of the heap.
 * Sizes are checked against it before anything is allocated, so that a file declaring more than
 * memory holds fails with a {@link FormatException} naming the object instead of running the JVM
 * out of memory.
 */
public final class MemoryBudget {
  private MemoryBudget() {}

  /** Bytes one declared-size allocation may take. */
  public static long limit() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /**
   * Fails when {@code bytes} (computed from sizes the file declares, for {@code what}) exceed
   * {@link #limit()}.
   */
  public static void check(String location, String object, long bytes, String what) {
    if (bytes < 0 || bytes > limit()) {
      throw new FormatException(location, object, what + " would take " + mib(bytes) + " of memory, more than a quarter of the heap ("
          + mib(Runtime.getRuntime().maxMemory()) + "); the file declares sizes it cannot hold, or the JVM needs a larger -Xmx");
    }
  }

  /** The product of {@code factors} (each at least 0), or {@link Long#MAX_VALUE} when it does not fit in a long. */
  public static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f < 0) {
        return Long.MAX_VALUE;
      }
      if (f != 0 && p > Long.MAX_VALUE / f) {
        return Long.MAX_VALUE;
      }
      p *= f;
    }
    return p;
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "more than 8 EiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
