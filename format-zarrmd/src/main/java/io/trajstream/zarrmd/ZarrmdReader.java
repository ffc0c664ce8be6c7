package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.Store;
import io.trajstream.zarr.Codec;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a zarrmd trajectory (zarrtraj's layout). Frames are the union of the steps of position,
 * velocity, force and box; a field without a sample at a frame's step is absent there. Thread-safe:
 * all state is fixed at open and each read fetches the chunks it needs concurrently.
 */
public final class ZarrmdReader implements TrajectoryReader {
  private static final Field[] ORDER = {Field.POSITION, Field.VELOCITY, Field.FORCE, Field.BOX};

  private final String location;
  private final TrajectoryInfo info;
  private final EnumMap<Field, H5mdElement> elements;
  /** The frames and which sample of each field lies at each. */
  private final FrameAxis axis;
  /** A time-independent box, applied to every frame, or null. */
  private final float[] fixedBox;
  private final ZarrmdObservables observables;

  private ZarrmdReader(String location, TrajectoryInfo info, EnumMap<Field, H5mdElement> elements,
      FrameAxis axis, float[] fixedBox, ZarrmdObservables observables) {
    this.location = location;
    this.observables = observables;
    this.info = info;
    this.elements = elements;
    this.axis = axis;
    this.fixedBox = fixedBox;
  }

  /** Opens the zarrmd at {@code key} of {@code store} (an empty key: the store's root). */
  public static ZarrmdReader open(Store store, String key, ReadOptions options) throws IOException {
    PrefetchedStore view = new PrefetchedStore(Stores.below(store, key));
    try {
      boolean consolidated = options.getBoolean("consolidated", true);
      if (consolidated) {
        view.speculate(conventionalStepAndTimeChunks(options));
      }
      return open(view, consolidated, options);
    } finally {
      view.settle();
    }
  }

  /**
   * The first chunk of the step and time arrays of every element under the conventional names
   * ({@code particles/trajectory/position/step/0}, …), read while the metadata is: in a store laid
   * out that way (MDAnalysis, zarrtraj and our writer all are) open then costs one round trip.
   */
  private static List<String> conventionalStepAndTimeChunks(ReadOptions options) {
    String group = options.get("group").orElse("trajectory");
    List<String> keys = new ArrayList<>();
    for (Field f : ORDER) {
      String name = f == Field.BOX ? "box/edges" : f.key();
      for (String a : new String[] {"step", "time"}) {
        keys.add("particles/" + group + "/" + name + "/" + a + "/0");
      }
    }
    // compared with the consolidated copy, to catch a stale .zmetadata (see checkConsolidated)
    keys.add("particles/" + group + "/position/value/.zarray");
    return keys;
  }

  private static ZarrmdReader open(PrefetchedStore view, boolean consolidated, ReadOptions options) throws IOException {
    String location = view.root();
    ZarrHierarchy h = ZarrHierarchy.open(view, consolidated);
    if (!h.exists("")) {
      if (view.exists(ZarrmdWriter.INCOMPLETE_MARKER)) {
        throw new FormatException(location, null,
            "incomplete store: a write to it did not finish (no root .zgroup); rerun convert to complete it");
      }
      throw new FormatException(location, null, "not a Zarr group (no .zgroup)");
    }
    ZarrGroup root = h.root();
    if (!root.containsGroup("h5md")) {
      throw new FormatException(location, "h5md", "H5MD file must contain an 'h5md' group");
    }
    if (!root.containsGroup("particles")) {
      throw new FormatException(location, "particles", "H5MD file must contain a 'particles' group");
    }
    String groupName = chooseGroup(root.group("particles"), options, location);
    String gpath = "particles/" + groupName;
    if (!root.containsGroup(gpath)) {
      throw new FormatException(location, gpath, "no such particle group");
    }
    ZarrGroup particles = root.group(gpath);

    EnumMap<Field, H5mdElement> elements = new EnumMap<>(Field.class);
    float[] fixedBox = null;
    List<String> boundary = new ArrayList<>();
    if (particles.containsGroup("box")) {
      JsonNode ba = particles.group("box").attributes();
      int dim = ba.path("dimension").asInt(3);
      if (dim != 3) {
        throw new FormatException(location, gpath + "/box", "dimension is " + dim + ", only 3 is supported");
      }
      ba.path("boundary").forEach(b -> boundary.add(b.asText()));
    }
    if (h.isConsolidated()) {
      view.fetch(stepAndTimeChunks(particles));
    }
    for (Field f : ORDER) {
      String name = f == Field.BOX ? "box/edges" : f.key();
      if (!particles.containsGroup(name)) {
        continue;
      }
      H5mdElement e = H5mdElement.open(particles.group(name), location);
      if (!e.timeDependent()) {
        if (f != Field.BOX) {
          throw new FormatException(location, e.path, "time-independent " + f.key() + " is not supported");
        }
        long[] bs = e.value.shape();
        if (!(bs.length == 2 && bs[0] == 3 && bs[1] == 3) && !(bs.length == 1 && bs[0] == 3)) {
          throw new FormatException(location, e.path + "/value", "fixed box has shape " + java.util.Arrays.toString(bs) + ", expected [3,3] or [3]");
        }
        fixedBox = boxes(e.value.readAll(), e.value, 1, false)[0];
        continue;
      }
      checkShape(e, f, location);
      elements.put(f, e);
    }
    // The frame-defining array as stored now must agree with .zmetadata: else the metadata is
    // stale (changed by another tool) and the reader would return old shapes.
    if (h.isConsolidated() && !elements.isEmpty()) {
      h.checkConsolidated(elements.values().iterator().next().path + "/value/.zarray");
    }
    int atoms = -1;
    for (Field f : new Field[] {Field.POSITION, Field.VELOCITY, Field.FORCE}) {
      H5mdElement e = elements.get(f);
      if (e != null) {
        long declared = e.value.shape()[1];
        if (declared > Integer.MAX_VALUE / 3) {
          throw new FormatException(location, e.path + "/value", "declares " + declared + " atoms, more than "
              + Integer.MAX_VALUE / 3 + " (three coordinates of each must fit one array)");
        }
        int a = (int) declared;
        if (atoms >= 0 && a != atoms) {
          throw new FormatException(location, e.path + "/value", "has " + a + " atoms, other elements have " + atoms);
        }
        atoms = a;
      }
    }
    if (atoms < 0) {
      throw new FormatException(location, gpath, "no position, velocity or force element");
    }

    // Frames: the union of the steps of all time-dependent elements.
    FrameAxis axis = FrameAxis.of(elements, location, gpath);
    String timeUnit = null;
    for (Field f : ORDER) {
      H5mdElement e = elements.get(f);
      if (e != null && timeUnit == null && e.timeUnit != null) {
        timeUnit = e.timeUnit;
      }
    }

    TrajectoryInfo.Builder b = axis.infoBuilder("zarrmd", atoms)
        .location(location)
        .timeUnit(timeUnit)
        .boundary(boundary)
        .particleGroup(groupName);
    for (Map.Entry<Field, H5mdElement> en : elements.entrySet()) {
      H5mdElement e = en.getValue();
      b.field(en.getKey(), e.valueUnit);
      b.chunking(en.getKey(), e.value.metadata().chunks()[0], describe(e.value));
    }
    if (fixedBox != null) {
      b.field(Field.BOX, particles.group("box/edges").array("value").attributes().path("unit").asText(null));
    }
    JsonNode author = root.containsGroup("h5md/author") ? root.group("h5md/author").attributes() : null;
    JsonNode creator = root.containsGroup("h5md/creator") ? root.group("h5md/creator").attributes() : null;
    if (author != null && author.has("name")) {
      b.author(author.get("name").asText());
    }
    if (author != null && author.has("email")) {
      b.attribute("author.email", author.get("email").asText());
    }
    if (creator != null && creator.has("name")) {
      b.creator(creator.get("name").asText());
    }
    if (creator != null && creator.has("version")) {
      b.attribute("creator.version", creator.get("version").asText());
    }
    JsonNode version = root.group("h5md").attributes().get("version");
    if (version != null) {
      b.attribute("h5md.version", version.toString());
    }
    b.attribute("consolidated", String.valueOf(h.isConsolidated()));
    ZarrmdObservables observables = ZarrmdObservables.discover(root, location);
    observables.infos().forEach(b::observable);
    return new ZarrmdReader(location, b.build(), elements, axis, fixedBox, observables);
  }

  /** Most chunks of one step or time array fetched ahead at open (our writer stores one). */
  private static final int PREFETCH_CHUNKS_PER_ARRAY = 4;

  /**
   * The stored chunks of the step and time arrays of every element, which open reads whole: known
   * from the consolidated metadata, so they can all be fetched in one round trip.
   */
  private static List<String> stepAndTimeChunks(ZarrGroup particles) throws IOException {
    List<String> keys = new ArrayList<>();
    boolean valueMetadata = false;
    for (Field f : ORDER) {
      String name = f == Field.BOX ? "box/edges" : f.key();
      if (!particles.containsGroup(name)) {
        continue;
      }
      ZarrGroup g = particles.group(name);
      if (!valueMetadata && g.containsArray("step") && g.containsArray("value")) {
        // the first time-dependent element's .zarray, checked against .zmetadata on open
        keys.add(io.trajstream.zarr.ZarrPaths.key(g.path() + "/value", ".zarray"));
        valueMetadata = true;
      }
      for (String a : new String[] {"step", "time"}) {
        if (!g.containsArray(a)) {
          continue;
        }
        ZarrArray arr = g.array(a);
        long[] shape = arr.shape();
        if (shape.length == 0) {
          keys.add(arr.chunkKey(new long[0]));
        } else if (shape.length == 1) {
          long chunks = (shape[0] + arr.metadata().chunks()[0] - 1) / arr.metadata().chunks()[0];
          for (long i = 0; i < Math.min(chunks, PREFETCH_CHUNKS_PER_ARRAY); i++) {
            keys.add(arr.chunkKey(new long[] {i}));
          }
        }
      }
    }
    return keys;
  }

  private static String chooseGroup(ZarrGroup particles, ReadOptions options, String location) throws IOException {
    String wanted = options.get("group").orElse(null);
    if (wanted != null) {
      return wanted;
    }
    List<String> groups = new ArrayList<>();
    for (String c : particles.children()) {
      if (particles.containsGroup(c)) {
        groups.add(c);
      }
    }
    if (groups.size() == 1) {
      return groups.get(0);
    }
    if (groups.isEmpty()) {
      // The store cannot list and has no consolidated metadata: try the usual name.
      if (particles.containsGroup("trajectory")) {
        return "trajectory";
      }
      throw new FormatException(location, "particles", "no particle group found (give one with option group=NAME)");
    }
    throw new FormatException(location, "particles",
        "holds several particle groups " + groups + "; choose one with option group=NAME");
  }

  private static void checkShape(H5mdElement e, Field f, String location) {
    long[] s = e.value.shape();
    boolean ok = f == Field.BOX
        ? (s.length == 3 && s[1] == 3 && s[2] == 3) || (s.length == 2 && s[1] == 3)
        : s.length == 3 && s[2] == 3;
    if (!ok) {
      throw new FormatException(location, e.path + "/value",
          "has shape " + java.util.Arrays.toString(s) + ", expected " + (f == Field.BOX ? "[F,3,3] or [F,3]" : "[F,atoms,3]"));
    }
  }

  static String describe(ZarrArray a) {
    StringBuilder sb = new StringBuilder();
    Codec c = a.compressor();
    sb.append(c == null ? "none" : c.toString());
    for (Codec f : a.filters()) {
      sb.append('+').append(f);
    }
    return sb.toString();
  }

  /**
   * Converts {@code n} boxes to (a, b, c, alpha, beta, gamma): box vectors ([n,3,3], or [3,3] when
   * time-independent) or edge lengths ([n,3], or [3]).
   */
  private static float[][] boxes(ByteBuffer raw, ZarrArray value, int n, boolean timeDependent) {
    int rank = value.shape().length - (timeDependent ? 1 : 0);
    boolean vectors = rank == 2;
    int per = vectors ? 9 : 3;
    double[] v = value.dtype().toDoubles(raw, n * per);
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = vectors ? BoxGeometry.fromVectors(v, i * 9) : BoxGeometry.fromEdges(v[i * 3], v[i * 3 + 1], v[i * 3 + 2]);
    }
    return out;
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    frames.checkWithin(info.frames());
    int[] frameIdx = frames.toArray();
    int[] atomIdx = atoms.resolve(info.atoms());
    FrameBlock.Builder b = FrameBlock.builder(frameIdx, atomIdx);
    for (int i = 0; i < frameIdx.length; i++) {
      b.step(i, info.step(frameIdx[i]));
      b.time(i, info.time(frameIdx[i]));
    }
    for (Field f : fields) {
      if (f == Field.BOX && fixedBox != null) {
        for (int i = 0; i < frameIdx.length; i++) {
          b.set(Field.BOX, i, fixedBox, 0);
        }
        continue;
      }
      H5mdElement e = elements.get(f);
      if (e == null) {
        continue;
      }
      readField(f, e, frameIdx, atomIdx, b);
      // After the read, so that a field decoded straight into its array is not NaN-filled first.
      b.declare(f);
    }
    return b.build();
  }

  private void readField(Field f, H5mdElement e, int[] frameIdx, int[] atomIdx, FrameBlock.Builder b) throws IOException {
    // (position in block, sample) pairs of frames where the element has a sample, in order.
    List<int[]> present = new ArrayList<>();
    for (int i = 0; i < frameIdx.length; i++) {
      int s = axis.sample(f, frameIdx[i]);
      if (s >= 0) {
        present.add(new int[] {i, s});
      }
    }
    if (present.isEmpty()) {
      return;
    }
    int chunkFrames = e.value.metadata().chunks()[0];
    // Groups of samples close enough to be read as one slab.
    int start = 0;
    while (start < present.size()) {
      int end = start + 1;
      while (end < present.size() && present.get(end)[1] - present.get(end - 1)[1] <= chunkFrames) {
        end++;
      }
      readGroup(f, e, present.subList(start, end), atomIdx, b);
      start = end;
    }
  }

  private void readGroup(Field f, H5mdElement e, List<int[]> samples, int[] atomIdx, FrameBlock.Builder b) throws IOException {
    int s0 = samples.get(0)[1];
    int s1 = samples.get(samples.size() - 1)[1];
    int nSamples = s1 - s0 + 1;
    long[] shape = e.value.shape();
    if (f == Field.BOX) {
      long[] start = new long[shape.length];
      int[] count = new int[shape.length];
      start[0] = s0;
      count[0] = nSamples;
      for (int d = 1; d < shape.length; d++) {
        count[d] = (int) shape[d];
      }
      float[][] boxes = boxes(e.value.read(start, count), e.value, nSamples, true);
      for (int[] p : samples) {
        b.set(Field.BOX, p[0], boxes[p[1] - s0], 0);
      }
      return;
    }
    int a0 = atomIdx.length == 0 ? 0 : atomIdx[0];
    int a1 = atomIdx.length == 0 ? 0 : atomIdx[atomIdx.length - 1];
    int nAtoms = atomIdx.length == 0 ? 0 : a1 - a0 + 1;
    int width = atomIdx.length * 3;
    boolean contiguous = nAtoms == atomIdx.length;
    boolean direct = contiguous && consecutive(samples);
    // Every frame of the block decoded straight into its array: no need to NaN-fill it first.
    float[] dst = direct && samples.size() == b.frameCount() ? b.arrayForAllFrames(f) : b.array(f);
    if (direct) {
      // One sample per block frame, in order: decode the chunks straight into the block's array.
      e.value.readFloats(new long[] {s0, a0, 0}, new int[] {nSamples, nAtoms, 3}, dst, samples.get(0)[0] * width);
      for (int[] p : samples) {
        b.markPresent(f, p[0]);
      }
      return;
    }
    ByteBuffer raw = e.value.read(new long[] {s0, a0, 0}, new int[] {nSamples, nAtoms, 3});
    float[] v = e.value.dtype().toFloats(raw, nSamples * nAtoms * 3);
    for (int[] p : samples) {
      int srcFrame = (p[1] - s0) * nAtoms * 3;
      int dstFrame = p[0] * width;
      if (contiguous) {
        System.arraycopy(v, srcFrame, dst, dstFrame, width);
      } else {
        for (int k = 0; k < atomIdx.length; k++) {
          System.arraycopy(v, srcFrame + (atomIdx[k] - a0) * 3, dst, dstFrame + k * 3, 3);
        }
      }
      b.markPresent(f, p[0]);
    }
  }

  /** Whether consecutive samples fill consecutive frames of the block. */
  private static boolean consecutive(List<int[]> samples) {
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i)[0] != samples.get(i - 1)[0] + 1 || samples.get(i)[1] != samples.get(i - 1)[1] + 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * The chunk of the field's value array holding its sample at {@code frame} (samples follow the
   * field's own steps); -1 where the field has no sample, and for a fixed box (read at open).
   */
  @Override
  public long storageChunk(Field field, int frame) {
    H5mdElement e = elements.get(field);
    if (e == null || frame < 0 || frame >= info.frames()) {
      return -1;
    }
    int sample = axis.sample(field, frame);
    return sample < 0 ? -1 : sample / Math.max(1, e.value.metadata().chunks()[0]);
  }

  @Override
  public ObservableBlock observable(String path, FrameRange frames) throws IOException {
    frames.checkWithin(info.frames());
    int[] idx = frames.toArray();
    long[] steps = new long[idx.length];
    for (int i = 0; i < idx.length; i++) {
      steps[i] = info.step(idx[i]);
    }
    return observables.atFrames(path, idx, steps);
  }

  @Override
  public ObservableSeries observableSamples(String path, int from, int to) throws IOException {
    return observables.samples(path, from, to);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ZarrmdReader[" + location + "]";
  }
}
