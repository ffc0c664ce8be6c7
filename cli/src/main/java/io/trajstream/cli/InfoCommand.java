package io.trajstream.cli;

import io.trajstream.JsonWriter;
import io.trajstream.format.Field;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trajstream info URL}: what a trajectory holds. */
@Command(name = "info", description = "Show format, atoms, frames, fields, units, time range, chunk layout and compression.")
final class InfoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Mixin PartsOptions parts;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "URL", description = "Trajectory URL or path; several (or a * in the last path segment, e.g. s3://b/run/part*.h5md) are read as one trajectory, part after part.")
  java.util.List<String> urls;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (TrajectoryReader r = parts.open(CommandPlugins.trajStream(), urls, common)) {
      TrajectoryInfo info = r.info();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        writeJson(info, out);
        out.println();
      } else {
        writeText(info, out);
      }
      out.flush();
    }
    return 0;
  }

  private static double dt(TrajectoryInfo info) {
    return info.frames() > 1 && info.hasTime() ? info.time(1) - info.time(0) : Double.NaN;
  }

  static void writeJson(TrajectoryInfo info, Appendable out) {
    JsonWriter w = new JsonWriter(out);
    w.beginObject();
    w.name("format").value(info.format());
    w.name("store").value(info.location());
    w.name("atoms").value(info.atoms());
    w.name("frames").value(info.frames());
    w.name("fields").beginArray();
    for (Field f : info.fields()) {
      w.value(f.key());
    }
    w.endArray();
    w.name("units").beginObject();
    for (Field f : info.fields()) {
      w.name(f.key()).value(info.unit(f));
    }
    w.name("time").value(info.timeUnit());
    w.endObject();
    w.name("time").beginObject();
    if (info.frames() > 0 && info.hasTime()) {
      w.name("first").value(info.time(0)).name("last").value(info.time(info.frames() - 1)).name("dt").value(dt(info));
    } else {
      w.name("first").nullValue().name("last").nullValue().name("dt").nullValue();
    }
    w.endObject();
    w.name("steps").beginObject();
    if (info.frames() > 0) {
      w.name("first").value(info.step(0)).name("last").value(info.step(info.frames() - 1));
    }
    w.endObject();
    w.name("chunks").beginObject();
    for (Map.Entry<Field, Integer> e : info.chunkLayout().entrySet()) {
      w.name(e.getKey().key()).value(e.getValue());
    }
    w.endObject();
    w.name("compression").beginObject();
    for (Map.Entry<Field, String> e : info.compression().entrySet()) {
      w.name(e.getKey().key()).value(e.getValue());
    }
    w.endObject();
    w.name("boundary").beginArray();
    info.boundary().forEach(w::value);
    w.endArray();
    w.name("group").value(info.particleGroup());
    w.name("author").value(info.author());
    w.name("creator").value(info.creator());
    if (info.parts() > 1) {
      // only for several parts: one file's location is "store" already
      w.name("parts").beginArray();
      for (int p = 0; p < info.parts(); p++) {
        w.beginObject().name("location").value(info.partLocation(p)).name("start").value(info.partStart(p))
            .name("frames").value(partFrames(info, p)).endObject();
      }
      w.endArray();
    }
    w.name("observables").beginArray();
    info.observables().forEach(w::value);
    w.endArray();
    w.name("observable_details").beginObject();
    for (ObservableInfo o : info.observableInfos()) {
      w.name(o.path()).beginObject();
      w.name("shape").beginArray();
      for (int d : o.shape()) {
        w.value(d);
      }
      w.endArray();
      w.name("unit").value(o.unit());
      w.name("time_dependent").value(o.timeDependent());
      w.name("samples").value(o.samples());
      w.name("integral").value(o.integral());
      w.name("time_unit").value(o.timeUnit());
      w.endObject();
    }
    w.endObject();
    w.endObject();
  }

  /** Frames of part {@code p}. */
  static int partFrames(TrajectoryInfo info, int p) {
    return (p + 1 < info.parts() ? info.partStart(p + 1) : info.frames()) - info.partStart(p);
  }

  /** One line about an observable: e.g. {@code obsv1  3 samples of [2] (integers), unit kJ/mol, own steps}. */
  static String describe(ObservableInfo o) {
    StringBuilder b = new StringBuilder(o.path()).append("  ");
    b.append(o.timeDependent() ? o.samples() + (o.samples() == 1 ? " sample of " : " samples of ") : "one value of ");
    b.append(o.shape().length == 0 ? "scalar" : java.util.Arrays.toString(o.shape()));
    b.append(o.integral() ? " (integers)" : "");
    if (o.unit() != null) {
      b.append(", unit ").append(o.unit());
    }
    b.append(o.timeDependent() ? ", own steps" : ", time-independent");
    return b.toString();
  }

  /**
   * The text form, one {@code name value} row per line. Rows are put together by hand rather than
   * with {@code printf}: the first {@code Formatter} of a run loads the locale data (tens of
   * milliseconds of a quick command); numbers are written as {@code Long.toString} and {@code
   * Double.toString} write them, whatever the locale.
   */
  private static void writeText(TrajectoryInfo info, PrintWriter out) {
    row(out, "format", info.format());
    row(out, "store", info.location());
    row(out, "atoms", Long.toString(info.atoms()));
    row(out, "frames", Long.toString(info.frames()));
    if (info.parts() > 1) {
      row(out, "parts", Integer.toString(info.parts()));
      for (int p = 0; p < info.parts(); p++) {
        row(out, "  part " + p, "frames " + info.partStart(p) + ".." + (info.partStart(p) + partFrames(info, p) - 1)
            + " (" + partFrames(info, p) + ") from " + info.partLocation(p));
      }
    }
    if (info.particleGroup() != null) {
      row(out, "group", info.particleGroup());
    }
    for (Field f : info.fields()) {
      row(out, f.key(), "unit " + (info.unit(f) == null ? "-" : info.unit(f)) + ", " + info.framesPerChunk(f)
          + " frames per chunk, compression " + info.compression().getOrDefault(f, "-"));
    }
    if (info.frames() > 0 && info.hasTime()) {
      row(out, "time", info.time(0) + " .. " + info.time(info.frames() - 1) + " "
          + (info.timeUnit() == null ? "" : info.timeUnit()) + " (dt " + dt(info) + ")");
    } else {
      row(out, "time", "not stored");
    }
    if (info.frames() > 0) {
      row(out, "steps", info.step(0) + " .. " + info.step(info.frames() - 1));
    }
    if (!info.boundary().isEmpty()) {
      row(out, "boundary", String.join(" ", info.boundary()));
    }
    if (info.author() != null) {
      row(out, "author", info.author());
    }
    if (info.creator() != null) {
      row(out, "creator", info.creator());
    }
    if (!info.observables().isEmpty()) {
      row(out, "observables", String.join(", ", info.observables()));
      for (ObservableInfo o : info.observableInfos()) {
        row(out, "", describe(o));
      }
    }
  }

  /** {@code name} padded to 12 characters, a space, {@code value}, a line end. */
  private static void row(PrintWriter out, String name, Object value) {
    StringBuilder b = new StringBuilder(64).append(name);
    while (b.length() < 12) {
      b.append(' ');
    }
    out.println(b.append(' ').append(value));
  }
}
