package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FormatException;
import io.trajstream.zarr.HeapLimit;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import java.io.IOException;

/**
 * One H5MD element in a Zarr hierarchy: a {@code value} array and, when time-dependent, its {@code
 * step} and optional {@code time} — explicit arrays or fixed scalars with an {@code offset}
 * attribute. Fixed steps and times are computed per sample ({@link SampleClock}); explicit arrays are
 * read once at open, after checking that they fit {@link HeapLimit}.
 */
final class H5mdElement {
  final String path;
  final ZarrArray value;
  final String valueUnit;
  /** Step and time of each sample, null when time-independent. */
  final SampleClock clock;
  final String timeUnit;

  private H5mdElement(String path, ZarrArray value, String valueUnit, SampleClock clock, String timeUnit) {
    this.path = path;
    this.value = value;
    this.valueUnit = valueUnit;
    this.clock = clock;
    this.timeUnit = timeUnit;
  }

  boolean timeDependent() {
    return clock != null;
  }

  /** Number of samples (the first dimension of the value array when time-dependent). */
  int samples() {
    return clock == null ? 1 : clock.samples();
  }

  static H5mdElement open(ZarrGroup group, String location) throws IOException {
    String path = group.path();
    if (!group.containsArray("value")) {
      throw new FormatException(location, path, "H5MD element has no 'value' array");
    }
    ZarrArray value = group.array("value");
    String unit = text(value.attributes().get("unit"));
    if (!group.containsArray("step")) {
      if (group.containsArray("time")) {
        throw new FormatException(location, path, "element has a 'time' but no 'step' array");
      }
      return new H5mdElement(path, value, unit, null, null);
    }
    long[] shape = value.shape();
    if (shape.length == 0) {
      throw new FormatException(location, path + "/value", "time-dependent value is a scalar");
    }
    if (shape[0] > Integer.MAX_VALUE - 8) {
      throw new FormatException(location, path + "/value", "declares " + shape[0] + " samples, more than the "
          + (Integer.MAX_VALUE - 8) + " supported");
    }
    int n = (int) shape[0];
    ZarrArray step = group.array("step");
    SampleClock clock;
    try {
      if (step.shape().length == 0) {
        long every = step.dtype().getLong(step.readAll(), 0);
        clock = SampleClock.regular(n, integral(step.attributes().path("offset"), location, path + "/step"), every);
      } else {
        checkPerSample(step, n, location, path + "/step");
        clock = SampleClock.explicit(step.dtype().toLongs(step.readAll(), n));
      }
    } catch (IllegalArgumentException e) {
      throw new FormatException(location, path + "/step", e.getMessage(), e);
    }
    String timeUnit = null;
    if (group.containsArray("time")) {
      ZarrArray time = group.array("time");
      JsonNode ta = time.attributes();
      timeUnit = text(ta.get("unit"));
      if (time.shape().length == 0) {
        double every = time.dtype().getDouble(time.readAll(), 0);
        JsonNode off = ta.path("offset");
        if (!off.isMissingNode() && !off.isNumber()) {
          throw new FormatException(location, path + "/time", "offset " + off + " is not a number");
        }
        clock = clock.withRegularTimes(off.asDouble(0), every);
      } else {
        checkPerSample(time, n, location, path + "/time");
        clock = clock.withTimes(time.dtype().toDoubles(time.readAll(), n));
      }
    }
    return new H5mdElement(path, value, unit, clock, timeUnit);
  }

  /** An explicit step or time array: one value per sample, and small enough to hold. */
  private static void checkPerSample(ZarrArray a, int n, String location, String object) {
    if (a.shape().length != 1 || a.shape()[0] != n) {
      throw new FormatException(location, object,
          "has shape " + java.util.Arrays.toString(a.shape()) + ", expected [" + n + "] like value");
    }
    // Read whole, then held as one long or double per sample.
    HeapLimit.check(2L * n * Math.max(8, a.dtype().size()), location, object, "an explicit array of " + n + " samples");
  }

  private static long integral(JsonNode n, String location, String object) {
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    double d = n.asDouble(Double.NaN);
    if (n.isNumber() && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return (long) d;
    }
    throw new FormatException(location, object, "offset " + n + " is not an integer step");
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
