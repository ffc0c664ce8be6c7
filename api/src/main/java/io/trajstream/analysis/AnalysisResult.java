package io.trajstream.analysis;

import io.trajstream.JsonWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of an analysis: values over an axis ({@code frames}, {@code atoms} or {@code bins}),
 * optionally with a time per frame, one or more values per axis point, and a unit. Writes the JSON
 * {@code {"analysis":…,"unit":…,"frames":[…],"time":[…],"values":[…]}} and CSV.
 */
public final class AnalysisResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String analysis;
  private final String unit;
  private final String axisName;
  private final double[] axis;
  private final double[] time;
  private final double[][] values;
  private final String[] columns;
  private final LinkedHashMap<String, String> metadata;

  private AnalysisResult(String analysis, String unit, String axisName, double[] axis, double[] time,
      double[][] values, String[] columns, Map<String, String> metadata) {
    if (values.length != axis.length) {
      throw new IllegalArgumentException(values.length + " rows for an axis of " + axis.length);
    }
    this.analysis = analysis;
    this.unit = unit;
    this.axisName = axisName;
    this.axis = axis;
    this.time = time;
    this.values = values;
    this.columns = columns;
    this.metadata = new LinkedHashMap<>(metadata);
  }

  /** One value per frame (e.g. RMSD). */
  public static AnalysisResult perFrame(String analysis, String unit, int[] frames, double[] time, double[] values) {
    return new AnalysisResult(analysis, unit, "frames", toDouble(frames), time, column(values),
        new String[] {"value"}, Map.of());
  }

  /** Several values per frame (e.g. a centre of mass x, y, z). */
  public static AnalysisResult perFrame(String analysis, String unit, int[] frames, double[] time,
      double[][] rows, String... columns) {
    return new AnalysisResult(analysis, unit, "frames", toDouble(frames), time, rows, columns, Map.of());
  }

  /** One value per atom (e.g. RMSF). */
  public static AnalysisResult perAtom(String analysis, String unit, int[] atoms, double[] values) {
    return new AnalysisResult(analysis, unit, "atoms", toDouble(atoms), null, column(values),
        new String[] {"value"}, Map.of());
  }

  /** One value per histogram bin centre (e.g. an RDF). */
  public static AnalysisResult perBin(String analysis, String unit, double[] bins, double[] values) {
    return new AnalysisResult(analysis, unit, "bins", bins.clone(), null, column(values),
        new String[] {"value"}, Map.of());
  }

  /** A copy with an extra metadata entry written into the JSON. */
  public AnalysisResult withMetadata(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.put(key, value);
    return new AnalysisResult(analysis, unit, axisName, axis, time, values, columns, m);
  }

  private static double[] toDouble(int[] a) {
    return Arrays.stream(a).asDoubleStream().toArray();
  }

  private static double[][] column(double[] v) {
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
    }
    return rows;
  }

  public String analysis() {
    return analysis;
  }

  public String unit() {
    return unit;
  }

  /** {@code frames}, {@code atoms} or {@code bins}. */
  public String axisName() {
    return axisName;
  }

  public double[] axis() {
    return axis.clone();
  }

  /** Time per frame, or null. */
  public double[] time() {
    return time == null ? null : time.clone();
  }

  public int size() {
    return axis.length;
  }

  /** Values per axis point. */
  public int width() {
    return columns.length;
  }

  /** The first value of each row. */
  public double[] values() {
    return Arrays.stream(values).mapToDouble(r -> r[0]).toArray();
  }

  /** Row {@code i}. */
  public double[] row(int i) {
    return values[i].clone();
  }

  public String[] columns() {
    return columns.clone();
  }

  public Map<String, String> metadata() {
    return java.util.Collections.unmodifiableMap(metadata);
  }

  /** Writes the JSON form. */
  public void writeJson(Appendable out) {
    JsonWriter w = new JsonWriter(out);
    w.beginObject().name("analysis").value(analysis).name("unit").value(unit);
    metadata.forEach((k, v) -> w.name(k).value(v));
    w.name(axisName).beginArray();
    for (double a : axis) {
      if (axisName.equals("bins")) {
        w.value(a);
      } else {
        w.value((long) a);
      }
    }
    w.endArray();
    if (time != null) {
      w.name("time").array(time);
    }
    if (columns.length > 1) {
      w.name("columns").beginArray();
      for (String c : columns) {
        w.value(c);
      }
      w.endArray();
    }
    w.name("values").beginArray();
    for (double[] row : values) {
      if (columns.length == 1) {
        w.value(row[0]);
      } else {
        w.array(row);
      }
    }
    w.endArray().endObject();
  }

  public String toJson() {
    StringBuilder sb = new StringBuilder();
    writeJson(sb);
    return sb.toString();
  }

  /** Writes CSV: a header, then one line per axis point. */
  public void writeCsv(Writer out) {
    try {
      StringBuilder header = new StringBuilder(axisName.equals("bins") ? "bin" : axisName.substring(0, axisName.length() - 1));
      if (time != null) {
        header.append(",time");
      }
      for (String c : columns) {
        header.append(',').append(columns.length == 1 ? analysis + " (" + unit + ")" : c);
      }
      out.write(header.append('\n').toString());
      for (int i = 0; i < axis.length; i++) {
        StringBuilder line = new StringBuilder();
        line.append(axisName.equals("bins") ? Double.toString(axis[i]) : Long.toString((long) axis[i]));
        if (time != null) {
          line.append(',').append(time[i]);
        }
        for (double v : values[i]) {
          line.append(',').append(String.format(Locale.ROOT, "%s", v));
        }
        out.write(line.append('\n').toString());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
