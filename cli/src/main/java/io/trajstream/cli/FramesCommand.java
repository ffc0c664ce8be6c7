package io.trajstream.cli;

import io.trajstream.JsonWriter;
import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trajstream frames URL --frames …}: values of some frames, as JSON. */
@Command(name = "frames", description = "Print the positions, velocities, forces and box (and, with --observables, the observables) of some frames as JSON.")
final class FramesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Mixin PartsOptions parts;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "URL", description = "Trajectory URL or path; several (or a * in the last path segment, e.g. s3://b/run/part*.h5md) are read as one trajectory, part after part.")
  java.util.List<String> urls;

  @Option(names = "--frames", paramLabel = "LIST", description = "Frames, e.g. 0,5,9 or 0:10 (default: 0).")
  String frames = "0";

  @Option(names = "--atoms", paramLabel = "LIST", description = "Atom indices, e.g. 0,1,2 or 0:100.")
  String atoms;

  @Option(names = "--select", paramLabel = "SEL", description = "Atom selection, e.g. \"index 0:99\" or \"name CA\" (with --topology).")
  String select;

  @Option(names = "--topology", paramLabel = "FILE", description = "PDB or GRO topology for name/resname/resid selections.")
  Path topology;

  @Option(names = "--fields", paramLabel = "LIST", split = ",", description = "position,velocity,force,box (default: all present).")
  java.util.List<String> fields;

  @Option(names = "--units", paramLabel = "native|md", description = "native (the file's units, default) or md (Angstrom, ps).")
  String units = "native";

  @Option(names = "--json", description = "Print JSON (the only output form; accepted for symmetry with info).")
  boolean json;

  @Option(names = "--observables",
      description = "Also print every observable per frame under \"observables\" (null where it has no sample at the frame's step),"
          + " in the file's units whatever --units says.")
  boolean observables;

  @Override
  public Integer call() throws Exception {
    if (atoms != null && select != null) {
      throw new IllegalArgumentException("give --atoms or --select, not both");
    }
    boolean md = UnitsOption.parse(units);
    try (TrajectoryReader r = parts.open(CommandPlugins.trajStream(), urls, common)) {
      TrajectoryInfo info = r.info();
      int[] frameList = IntList.parse("--frames", frames, info.frames());
      AtomSelection sel = AtomSelection.all();
      if (atoms != null) {
        sel = AtomSelection.of(IntList.parse("--atoms", atoms, info.atoms()));
      } else if (select != null) {
        Topology top = topology == null ? null : Topology.read(topology);
        sel = Selection.parse(select).toAtomSelection(info.atoms(), top);
      }
      EnumSet<Field> wanted = EnumSet.noneOf(Field.class);
      if (fields == null) {
        wanted.addAll(info.fields());
      } else {
        for (String f : fields) {
          wanted.add(Field.parse(f));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      JsonWriter w = new JsonWriter(out);
      w.beginObject().name("units").beginObject();
      Map<String, String> unitNames = md ? Units.mdAnalysisUnitNames() : nativeUnits(info);
      unitNames.forEach((k, v) -> w.name(k).value(v));
      w.endObject();
      if (observables) {
        ObservableJson.units(w, info);
      }
      w.name("frames").beginArray();
      for (int f : frameList) {
        FrameBlock b = r.read(FrameRange.single(f), sel, wanted);
        if (md) {
          b = Units.toMdAnalysis(b, info);
        }
        w.beginObject().name("frame").value(f).name("step").value(b.step(0)).name("time").value(b.time(0));
        if (observables) {
          ObservableJson.frame(w, r, f);
        }
        for (Field field : wanted) {
          w.name(field.key());
          if (!b.has(field, 0)) {
            w.nullValue();
            continue;
          }
          float[] v = b.values(field);
          if (field == Field.BOX) {
            w.beginArray();
            for (int k = 0; k < 6; k++) {
              w.value(v[k]);
            }
            w.endArray();
          } else {
            w.beginArray();
            for (int a = 0; a < b.atomCount(); a++) {
              w.beginArray().value(v[a * 3]).value(v[a * 3 + 1]).value(v[a * 3 + 2]).endArray();
            }
            w.endArray();
          }
        }
        w.endObject();
      }
      w.endArray();
      if (!sel.isAll()) {
        w.name("atoms").beginArray();
        for (int a : sel.resolve(info.atoms())) {
          w.value(a);
        }
        w.endArray();
      }
      w.endObject();
      out.println();
      out.flush();
    }
    return 0;
  }

  private static Map<String, String> nativeUnits(TrajectoryInfo info) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("length", info.unit(Field.POSITION) != null ? info.unit(Field.POSITION) : info.unit(Field.BOX));
    m.put("time", info.timeUnit());
    m.put("velocity", info.unit(Field.VELOCITY));
    m.put("force", info.unit(Field.FORCE));
    return m;
  }
}
