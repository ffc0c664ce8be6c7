package io.trajstream.h5md;

import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.ReadOptions;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.h5md.tree.H5Group;
import io.trajstream.h5md.tree.H5Node;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The H5MD 1.1 structure of a file: the {@code h5md} metadata group, the chosen particle group and
 * its elements, the box, and the observables. Checks what H5MD requires and fails with a {@link
 * FormatException} naming the object otherwise.
 */
final class H5mdStructure {
  final String location;
  final String particleGroup;
  final EnumMap<Field, H5mdElement> elements = new EnumMap<>(Field.class);
  /** Box edges when time-independent (per frame box from {@code elements.get(BOX)} otherwise). */
  H5Dataset fixedEdges;
  String boxUnit;
  List<String> boundary = List.of();
  String author;
  String creator;
  String creatorVersion;
  String version;
  final List<String> observables = new ArrayList<>();
  /** The observables by path below {@code observables}; time-independent ones have no step. */
  final java.util.LinkedHashMap<String, H5mdElement> observableElements = new java.util.LinkedHashMap<>();

  private H5mdStructure(String location, String particleGroup) {
    this.location = location;
    this.particleGroup = particleGroup;
  }

  static H5mdStructure parse(H5Group root, String location, ReadOptions options) {
    H5Group h5md = root.group("h5md");
    if (h5md == null) {
      throw new FormatException(location, "h5md",
          "no 'h5md' group: not an H5MD file (H5MD 1.1 requires /h5md with version, author and creator)");
    }
    H5Group particles = root.group("particles");
    if (particles == null) {
      throw new FormatException(location, "particles", "no 'particles' group: the file holds no trajectory");
    }
    List<String> groups = new ArrayList<>();
    for (H5Node n : particles.children().values()) {
      if (n instanceof H5Group) {
        groups.add(n.name());
      }
    }
    String chosen = options.get("group").orElse(null);
    if (chosen == null) {
      if (groups.size() != 1) {
        throw new FormatException(location, "particles",
            groups.isEmpty() ? "no particle group" : "holds " + groups.size() + " particle groups " + groups
                + ": choose one with option group=NAME");
      }
      chosen = groups.get(0);
    } else if (!groups.contains(chosen)) {
      throw new FormatException(location, "particles/" + chosen, "no such particle group (the file has " + groups + ")");
    }
    H5mdStructure s = new H5mdStructure(location, chosen);
    s.readMetadata(h5md);
    H5Group group = particles.group(chosen);
    for (Field f : new Field[] {Field.POSITION, Field.VELOCITY, Field.FORCE}) {
      H5Node n = group.get(f.key());
      if (n == null) {
        continue;
      }
      if (!(n instanceof H5Group eg)) {
        throw new FormatException(location, n.path(), "is a dataset; a time-dependent H5MD element must be a group with step and value");
      }
      H5mdElement e = s.timeDependent(f, eg, 3);
      s.elements.put(f, e);
    }
    if (s.elements.isEmpty()) {
      throw new FormatException(location, group.path(), "has no position, velocity or force element");
    }
    s.readBox(group);
    H5Node obs = root.get("observables");
    if (obs instanceof H5Group og) {
      s.collectObservables(og);
    } else if (obs != null) {
      throw new FormatException(location, "observables", "is a dataset, expected a group");
    }
    return s;
  }

  private void readMetadata(H5Group h5md) {
    Object v = h5md.attributes().get("version");
    if (v instanceof long[] a && a.length >= 2) {
      version = a[0] + "." + a[1];
      if (a[0] != 1) {
        throw new FormatException(location, "h5md", "H5MD version " + version + " is not supported (expected 1.x)");
      }
    }
    H5Group a = h5md.group("author");
    if (a != null && a.attributes().get("name") instanceof String name) {
      author = name;
    }
    H5Group c = h5md.group("creator");
    if (c != null) {
      if (c.attributes().get("name") instanceof String name) {
        creator = name;
      }
      if (c.attributes().get("version") instanceof String ver) {
        creatorVersion = ver;
      }
    }
  }

  /** A time-dependent element group with value of rank {@code valueRank} (frames first). */
  private H5mdElement timeDependent(Field f, H5Group g, int valueRank) {
    H5Dataset value = g.dataset("value");
    if (value == null) {
      throw new FormatException(location, g.path(), "has no 'value' dataset");
    }
    if (value.rank() != valueRank) {
      throw new FormatException(location, value.path(), "has " + value.rank() + " dimensions " + java.util.Arrays.toString(value.shape())
          + ", expected " + valueRank);
    }
    if (f.perAtom() && value.shape()[2] != 3) {
      throw new FormatException(location, value.path(), "last dimension is " + value.shape()[2] + ", expected 3 (x, y, z)");
    }
    if (f.perAtom() && value.shape()[1] > Integer.MAX_VALUE) {
      throw new FormatException(location, value.path(), "has " + value.shape()[1] + " atoms; at most " + Integer.MAX_VALUE + " are supported");
    }
    H5mdElement e = new H5mdElement(f, g.path(), value, true);
    e.unit = string(value.attributes().get("unit"));
    H5Dataset step = g.dataset("step");
    if (step == null) {
      throw new FormatException(location, g.path(), "has no 'step' dataset (H5MD requires one per time-dependent element)");
    }
    readStepAndTime(e, g, step);
    return e;
  }

  /** Step and time of a time-dependent element (explicit arrays or fixed scalars with an offset). */
  private void readStepAndTime(H5mdElement e, H5Group g, H5Dataset step) {
    H5Dataset value = e.value;
    if (value.shape()[0] > Integer.MAX_VALUE) {
      throw new FormatException(location, value.path(), "has " + value.shape()[0] + " rows; at most " + Integer.MAX_VALUE + " frames are supported");
    }
    if (step.rank() > 1) {
      throw new FormatException(location, step.path(), "has shape " + java.util.Arrays.toString(step.shape()) + ", expected a scalar or [frames]");
    }
    e.stepData = step;
    e.stepFixed = step.rank() == 0;
    e.stepOffset = step.attributes().get("offset") instanceof Number n ? n.longValue() : 0;
    if (!e.stepFixed && step.shape()[0] < value.shape()[0]) {
      throw new FormatException(location, step.path(), "has " + step.shape()[0] + " entries for " + value.shape()[0] + " values");
    }
    H5Dataset time = g.dataset("time");
    if (time != null) {
      if (time.rank() > 1) {
        throw new FormatException(location, time.path(), "has shape " + java.util.Arrays.toString(time.shape()) + ", expected a scalar or [frames]");
      }
      e.timeData = time;
      e.timeFixed = time.rank() == 0;
      e.timeOffset = time.attributes().get("offset") instanceof Number n ? n.doubleValue() : 0;
      e.timeUnit = string(time.attributes().get("unit"));
      if (!e.timeFixed && time.shape()[0] < value.shape()[0]) {
        throw new FormatException(location, time.path(), "has " + time.shape()[0] + " entries for " + value.shape()[0] + " values");
      }
    }
  }

  /**
   * An observable element group: time-dependent with a {@code step} (value {@code [samples, …]}),
   * else time-independent (its whole {@code value} is the one sample, as zarrtraj writes them).
   */
  private H5mdElement observable(H5Group og) {
    H5Dataset value = (H5Dataset) og.get("value");
    H5Node stepNode = og.get("step");
    if (stepNode == null) {
      if (og.get("time") != null) {
        throw new FormatException(location, og.path(), "has a 'time' but no 'step' dataset");
      }
      H5mdElement e = new H5mdElement(null, og.path(), value, false);
      e.unit = string(value.attributes().get("unit"));
      return e;
    }
    if (!(stepNode instanceof H5Dataset step)) {
      throw new FormatException(location, og.path() + "/step", "is a group, expected a dataset");
    }
    if (value.rank() == 0) {
      throw new FormatException(location, value.path(), "a time-dependent observable's value is a scalar; expected [samples, ...]");
    }
    if (step.rank() > 1) {
      throw new FormatException(location, step.path(), "has shape " + java.util.Arrays.toString(step.shape()) + ", expected a scalar or [samples]");
    }
    H5mdElement e = new H5mdElement(null, og.path(), value, true);
    e.unit = string(value.attributes().get("unit"));
    readStepAndTime(e, og, step);
    return e;
  }

  private void readBox(H5Group group) {
    H5Group box = group.group("box");
    if (box == null) {
      return;
    }
    Object b = box.attributes().get("boundary");
    if (b instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(String.valueOf(o).trim());
      }
      boundary = out;
    } else if (b instanceof String str) {
      boundary = List.of(str.trim());
    }
    Object dim = box.attributes().get("dimension");
    if (dim instanceof Number n && n.intValue() != 3) {
      throw new FormatException(location, box.path(), "dimension is " + n + "; only 3-dimensional boxes are supported");
    }
    H5Node edges = box.get("edges");
    if (edges instanceof H5Dataset d) {
      if (!(d.rank() == 1 && d.shape()[0] == 3) && !(d.rank() == 2 && d.shape()[0] == 3 && d.shape()[1] == 3)) {
        throw new FormatException(location, d.path(), "box edges shape " + java.util.Arrays.toString(d.shape()) + ", expected [3] or [3,3]");
      }
      fixedEdges = d;
      boxUnit = string(d.attributes().get("unit"));
    } else if (edges instanceof H5Group g) {
      H5Dataset value = g.dataset("value");
      if (value == null) {
        throw new FormatException(location, g.path(), "has no 'value' dataset");
      }
      H5mdElement e = timeDependent(Field.BOX, g, value.rank() == 2 ? 2 : 3);
      long[] sh = value.shape();
      if (sh[1] != 3 || (sh.length == 3 && sh[2] != 3)) {
        throw new FormatException(location, value.path(), "box edges shape " + java.util.Arrays.toString(sh) + ", expected [F,3] or [F,3,3]");
      }
      boxUnit = e.unit;
      elements.put(Field.BOX, e);
    }
  }

  private void collectObservables(H5Group g) {
    for (H5Node n : g.children().values()) {
      if (n instanceof H5Dataset d) {
        throw new FormatException(location, d.path(),
            "is a bare dataset; an observable must be an H5MD element group holding a 'value' dataset (as MDAnalysis and zarrtraj require)");
      }
      H5Group og = (H5Group) n;
      if (og.get("value") != null) {
        if (!(og.get("value") instanceof H5Dataset)) {
          throw new FormatException(location, og.path() + "/value", "is a group, expected a dataset");
        }
        String path = og.path().substring("observables/".length());
        observables.add(path);
        observableElements.put(path, observable(og));
      } else {
        collectObservables(og);
      }
    }
  }

  static String string(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof List<?> l && l.size() == 1) {
      return String.valueOf(l.get(0));
    }
    return null;
  }

  Map<Field, H5mdElement> elements() {
    return elements;
  }
}
