package io.trajstream.cli;

import io.trajstream.JsonWriter;
import io.trajstream.format.Field;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.PrintWriter;
import java.util.Locale;
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

  private static void writeText(TrajectoryInfo info, PrintWriter out) {
    out.printf("%-12s %s%n", "format", info.format());
    out.printf("%-12s %s%n", "store", info.location());
    out.printf("%-12s %d%n", "atoms", info.atoms());
    out.printf("%-12s %d%n", "frames", info.frames());
    if (info.parts() > 1) {
      out.printf("%-12s %d%n", "parts", info.parts());
      for (int p = 0; p < info.parts(); p++) {
        out.printf("%-12s frames %d..%d (%d) from %s%n", "  part " + p, info.partStart(p),
            info.partStart(p) + partFrames(info, p) - 1, partFrames(info, p), info.partLocation(p));
      }
    }
    if (info.particleGroup() != null) {
      out.printf("%-12s %s%n", "group", info.particleGroup());
    }
    for (Field f : info.fields()) {
      out.printf("%-12s unit %s, %d frames per chunk, compression %s%n", f.key(),
          info.unit(f) == null ? "-" : info.unit(f), info.framesPerChunk(f), info.compression().getOrDefault(f, "-"));
    }
    if (info.frames() > 0 && info.hasTime()) {
      out.printf(Locale.ROOT, "%-12s %s .. %s %s (dt %s)%n", "time", info.time(0), info.time(info.frames() - 1),
          info.timeUnit() == null ? "" : info.timeUnit(), dt(info));
    } else {
      out.printf("%-12s %s%n", "time", "not stored");
    }
    if (info.frames() > 0) {
      out.printf("%-12s %d .. %d%n", "steps", info.step(0), info.step(info.frames() - 1));
    }
    if (!info.boundary().isEmpty()) {
      out.printf("%-12s %s%n", "boundary", String.join(" ", info.boundary()));
    }
    if (info.author() != null) {
      out.printf("%-12s %s%n", "author", info.author());
    }
    if (info.creator() != null) {
      out.printf("%-12s %s%n", "creator", info.creator());
    }
    if (!info.observables().isEmpty()) {
      out.printf("%-12s %s%n", "observables", String.join(", ", info.observables()));
      for (ObservableInfo o : info.observableInfos()) {
        out.printf("%-12s %s%n", "", describe(o));
      }
    }
  }
}
