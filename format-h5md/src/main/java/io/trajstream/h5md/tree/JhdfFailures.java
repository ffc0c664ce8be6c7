package io.trajstream.h5md.tree;

import io.jhdf.exceptions.HdfException;
import io.trajstream.format.FormatException;

/**
 * Turns jhdf's failures on corrupt metadata into {@link FormatException}s. jhdf reports a file it
 * cannot parse not only with {@link HdfException} but with whatever its parsing code meets
 * (ArithmeticException, IllegalStateException, IllegalArgumentException, buffer exceptions…), and
 * allocates some buffers at sizes the file declares. A runtime exception counts as jhdf's only when
 * it was thrown inside jhdf, so that a bug of our own is never disguised as a corrupt file.
 */
public final class JhdfFailures {
  private JhdfFailures() {}

  /**
   * The {@link FormatException} for {@code e} when jhdf threw it while reading the metadata of
   * {@code location} ({@code object} may be null), else {@code e} itself, to be rethrown.
   */
  public static RuntimeException translate(RuntimeException e, String location, String object, String doing) {
    if (e instanceof FormatException || !(e instanceof HdfException || thrownByJhdf(e))) {
      return e;
    }
    return new FormatException(location, object, doing + ": " + describe(e), e);
  }

  /**
   * The {@link FormatException} for jhdf running out of memory on a size the file declares: the
   * failed allocation itself used nothing, so reading can go on with other files.
   */
  public static FormatException outOfMemory(OutOfMemoryError e, String location, String object) {
    return new FormatException(location, object, "the HDF5 metadata declares an object larger than memory holds ("
        + e.getMessage() + "); the file is corrupt, or the JVM needs a larger -Xmx", e);
  }

  /** Whether the innermost frame of ours or jhdf's in {@code e}'s stack trace is jhdf's. */
  static boolean thrownByJhdf(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("io.trajstream.")) {
        return false;
      }
      if (c.startsWith("io.jhdf.")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage();
    return e instanceof HdfException ? String.valueOf(m) : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
