package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FormatException;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One H5MD element in a Zarr hierarchy: a {@code value} array and, when time-dependent, its {@code
 * step} and optional {@code time} — explicit arrays or fixed scalars with an {@code offset}
 * attribute. Steps and times are loaded once at open.
 */
final class H5mdElement {
  final String path;
  final ZarrArray value;
  final String valueUnit;
  /** Step of each sample, null when time-independent. */
  final long[] steps;
  /** Time of each sample, null when the element has no time (or is time-independent). */
  final double[] times;
  final String timeUnit;
  final boolean fixedStep;

  private H5mdElement(String path, ZarrArray value, String valueUnit, long[] steps, double[] times, String timeUnit, boolean fixed) {
    this.path = path;
    this.value = value;
    this.valueUnit = valueUnit;
    this.steps = steps;
    this.times = times;
    this.timeUnit = timeUnit;
    this.fixedStep = fixed;
  }

  boolean timeDependent() {
    return steps != null;
  }

  /** Number of samples (the first dimension of the value array when time-dependent). */
  int samples() {
    return steps == null ? 1 : steps.length;
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
      return new H5mdElement(path, value, unit, null, null, null, false);
    }
    long[] shape = value.shape();
    if (shape.length == 0) {
      throw new FormatException(location, path + "/value", "time-dependent value is a scalar");
    }
    int n = Math.toIntExact(shape[0]);
    ZarrArray step = group.array("step");
    boolean fixed = step.shape().length == 0;
    long[] steps;
    if (fixed) {
      long every = step.dtype().getLong(step.readAll(), 0);
      long offset = step.attributes().path("offset").asLong(0);
      steps = new long[n];
      for (int i = 0; i < n; i++) {
        steps[i] = offset + i * every;
      }
    } else {
      if (step.shape().length != 1 || step.shape()[0] != n) {
        throw new FormatException(location, path + "/step",
            "has shape " + java.util.Arrays.toString(step.shape()) + ", expected [" + n + "] like value");
      }
      steps = step.dtype().toLongs(step.readAll(), n);
    }
    for (int i = 1; i < steps.length; i++) {
      if (steps[i] <= steps[i - 1]) {
        throw new FormatException(location, path + "/step", "steps must increase (" + steps[i - 1] + " then " + steps[i] + ")");
      }
    }
    double[] times = null;
    String timeUnit = null;
    if (group.containsArray("time")) {
      ZarrArray time = group.array("time");
      JsonNode ta = time.attributes();
      timeUnit = text(ta.get("unit"));
      if (time.shape().length == 0) {
        double every = time.dtype().getDouble(time.readAll(), 0);
        double offset = ta.path("offset").asDouble(0);
        times = new double[n];
        for (int i = 0; i < n; i++) {
          times[i] = offset + i * every;
        }
      } else {
        if (time.shape().length != 1 || time.shape()[0] != n) {
          throw new FormatException(location, path + "/time",
              "has shape " + java.util.Arrays.toString(time.shape()) + ", expected [" + n + "] like value");
        }
        ByteBuffer raw = time.readAll();
        times = time.dtype().toDoubles(raw, n);
      }
    }
    return new H5mdElement(path, value, unit, steps, times, timeUnit, fixed);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
