package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.zarr.ArrayAppender;
import io.trajstream.zarr.ArrayMetadata;
import io.trajstream.zarr.DataType;
import io.trajstream.zarr.Json;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes zarrmd in zarrtraj's layout: per element {@code value} (float32), {@code step} (int64) and
 * {@code time} (float64) arrays, box as {@code [F,3,3]} vectors. Chunks are stored as they fill (at
 * most two chunks per array in memory); on {@link #close()} every array's metadata is written, then
 * the groups', then the root group, then {@code .zmetadata} last, so a reader never sees a
 * half-written trajectory. With option {@code append=true} frames are added to an existing zarrmd
 * (readers see the old trajectory until the new {@code .zmetadata} replaces it).
 *
 * <p>Crash safety: a new trajectory (or one that replaces another) starts by storing the marker
 * {@value #INCOMPLETE_MARKER} and hiding any earlier metadata, and removes the marker after {@code
 * .zmetadata}. A process killed at any moment leaves either a complete trajectory or no root group
 * beside the marker, which readers report as an incomplete store; running the conversion again
 * replaces it.
 */
public final class ZarrmdWriter implements TrajectoryWriter {
  /** The object that marks a trajectory being written; readers that find no root group report it. */
  public static final String INCOMPLETE_MARKER = ".trajstream-incomplete";

  /** Frames per chunk of every step and time array (512 KiB of int64). */
  static final int STEP_TIME_CHUNK_FRAMES = 1 << 16;

  private static final DataType F4 = DataType.FLOAT32;
  private static final DataType I8 = DataType.INT64;
  private static final DataType F8 = DataType.FLOAT64;

  private final Store view;
  private final ZarrHierarchy hierarchy;
  private final String group;
  private final int atoms;
  private final boolean hasTime;
  private final EnumMap<Field, ElementWriter> elements = new EnumMap<>(Field.class);
  private final List<String> boundary;
  private final String author;
  private final String creator;
  private final String creatorVersion;
  private final String timeUnit;
  private long lastStep;
  private boolean anyStep;
  private int frames;
  private boolean closed;
  /** Observables, each with its own steps (see {@link #appendObservable}). */
  private ObservableWriters observables;

  /** The three arrays of one element. */
  private static final class ElementWriter {
    final String path;
    final ArrayAppender value;
    final ArrayAppender step;
    final ArrayAppender time;
    final String unit;

    ElementWriter(String path, ArrayAppender value, ArrayAppender step, ArrayAppender time, String unit) {
      this.path = path;
      this.value = value;
      this.step = step;
      this.time = time;
      this.unit = unit;
    }
  }

  private ZarrmdWriter(Store view, ZarrHierarchy hierarchy, String group, int atoms, boolean hasTime, List<String> boundary,
      String author, String creator, String creatorVersion, String timeUnit) {
    this.view = view;
    this.hierarchy = hierarchy;
    this.group = group;
    this.atoms = atoms;
    this.hasTime = hasTime;
    this.boundary = boundary;
    this.author = author;
    this.creator = creator;
    this.creatorVersion = creatorVersion;
    this.timeUnit = timeUnit;
  }

  static String elementPath(String group, Field f) {
    return "particles/" + group + "/" + (f == Field.BOX ? "box/edges" : f.key());
  }

  /** Creates a zarrmd at {@code key} shaped like {@code template}, or extends one (option append). */
  public static ZarrmdWriter create(Store store, String key, TrajectoryInfo template, WriteOptions options) throws IOException {
    WriterSettings s = WriterSettings.parse(options);
    Store view = Stores.below(store, key);
    if (s.append() && view.exists(".zgroup")) {
      return resume(view, template, s);
    }
    ZarrHierarchy h = ZarrHierarchy.create(view);
    boolean earlier = view.exists(".zgroup") || view.exists(ZarrHierarchy.ZMETADATA) || view.exists(INCOMPLETE_MARKER);
    view.write(INCOMPLETE_MARKER, Json.write(Json.MAPPER.createObjectNode()
        .put("note", "a trajectory is being written here; without a root .zgroup it is incomplete")));
    if (earlier) {
      hideEarlierTrajectory(view);
    }
    String group = s.group() != null ? s.group() : template.particleGroup() != null ? template.particleGroup() : "trajectory";
    Set<Field> fields = EnumSet.noneOf(Field.class);
    for (Field f : template.fields()) {
      if (s.fields().contains(f)) {
        fields.add(f);
      }
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("nothing to write: the template has fields " + template.fields() + ", option fields keeps none");
    }
    List<String> boundary = fields.contains(Field.BOX)
        ? (template.boundary().size() == 3 ? template.boundary() : List.of("periodic", "periodic", "periodic"))
        : List.of("none", "none", "none");
    String author = s.author() != null ? s.author() : template.author() != null ? template.author() : System.getProperty("user.name", "unknown");
    String creator = s.creator() != null ? s.creator() : template.creator() != null ? template.creator() : "TrajStream";
    String creatorVersion = s.creator() == null && template.creator() != null
        ? template.attributes().getOrDefault("creator.version", "unknown")
        : version();
    ZarrmdWriter w = new ZarrmdWriter(view, h, group, template.atoms(), template.hasTime(), boundary, author, creator,
        creatorVersion, template.timeUnit());
    List<Map<String, Object>> filters = s.precision() == null ? List.of()
        : List.of(new io.trajstream.zarr.codec.QuantizeCodec(s.precision(), F4, F4).config());
    // step and time are read whole at open: keep them in few objects whatever the value chunking.
    int timeChunk = STEP_TIME_CHUNK_FRAMES;
    for (Field f : fields) {
      long[] shape = f == Field.BOX ? new long[] {0, 3, 3} : new long[] {0, template.atoms(), 3};
      long bytesPerFrame = 4L * shape[1] * shape[2];
      int fpc = s.framesPerChunk(bytesPerFrame);
      String p = elementPath(group, f);
      ArrayMetadata vm = new ArrayMetadata(shape, new int[] {fpc, (int) shape[1], (int) shape[2]}, F4, 0.0, 'C', ".",
          s.compressor(), filters);
      ArrayAppender value = ArrayAppender.create(h, p + "/value", vm);
      ArrayAppender step = ArrayAppender.create(h, p + "/step",
          ArrayMetadata.of(new long[] {0}, new int[] {timeChunk}, I8, 0L, s.compressor()));
      ArrayAppender time = template.hasTime()
          ? ArrayAppender.create(h, p + "/time", ArrayMetadata.of(new long[] {0}, new int[] {timeChunk}, F8, 0.0, s.compressor()))
          : null;
      w.elements.put(f, new ElementWriter(p, value, step, time, template.unit(f)));
    }
    w.observables = new ObservableWriters(h, view.root(), s, s.append());
    return w;
  }

  /**
   * Hides what an earlier write left (a complete trajectory being replaced, or an incomplete one):
   * first the root metadata, so that no reader opens it any more, then every other metadata
   * document, so that arrays of the earlier write that this one does not rewrite (other fields,
   * other observables) are not picked up with the new ones. Chunks stay; new ones replace them.
   */
  private static void hideEarlierTrajectory(Store view) throws IOException {
    view.delete(ZarrHierarchy.ZMETADATA);
    view.delete(".zgroup");
    if (!view.capabilities().listable()) {
      return;
    }
    List<String> docs;
    try (java.util.stream.Stream<io.trajstream.store.StoreEntry> s = view.list("")) {
      docs = s.map(io.trajstream.store.StoreEntry::key).filter(io.trajstream.zarr.ZarrPaths::isMetadataKey).toList();
    }
    for (String k : docs) {
      view.delete(k);
    }
  }

  private static ZarrmdWriter resume(Store view, TrajectoryInfo template, WriterSettings s) throws IOException {
    TrajectoryInfo info;
    try (ZarrmdReader r = ZarrmdReader.open(view, "", ReadOptions.defaults())) {
      info = r.info();
    }
    if (info.atoms() != template.atoms()) {
      throw new FormatException(view.root(), null, "cannot append " + template.atoms() + " atoms to a trajectory of " + info.atoms());
    }
    ZarrHierarchy h = ZarrHierarchy.open(view);
    String group = info.particleGroup();
    ZarrmdWriter w = new ZarrmdWriter(view, h, group, info.atoms(), info.hasTime(), info.boundary(),
        info.author(), info.creator(), info.attributes().getOrDefault("creator.version", "unknown"), info.timeUnit());
    for (Field f : info.fields()) {
      String p = elementPath(group, f);
      if (!h.exists(p + "/step") || h.array(p + "/step").shape().length != 1) {
        throw new FormatException(view.root(), p, "only elements with explicit step arrays can be appended to");
      }
      ZarrArray value = h.array(p + "/value");
      ZarrArray time = h.exists(p + "/time") ? h.array(p + "/time") : null;
      if (time != null && time.shape().length != 1) {
        throw new FormatException(view.root(), p + "/time", "a fixed time cannot be appended to");
      }
      w.elements.put(f, new ElementWriter(p, ArrayAppender.resume(value), ArrayAppender.resume(h.array(p + "/step")),
          time == null ? null : ArrayAppender.resume(time), info.unit(f)));
    }
    w.frames = info.frames();
    if (info.frames() > 0) {
      w.lastStep = info.step(info.frames() - 1);
      w.anyStep = true;
    }
    w.observables = new ObservableWriters(h, view.root(), s, s.append());
    return w;
  }

  private static String version() {
    String v = ZarrmdWriter.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public void append(FrameBlock block) throws IOException {
    if (closed) {
      throw new IllegalStateException(view.root() + ": writer is closed");
    }
    if (block.atomCount() != atoms) {
      throw new IllegalArgumentException(view.root() + ": block has " + block.atomCount() + " atoms, trajectory has " + atoms);
    }
    int n = block.frameCount();
    for (int i = 0; i < n; i++) {
      long st = block.step(i);
      if (anyStep && st <= lastStep) {
        throw new IllegalArgumentException(view.root() + ": steps must increase, got " + st + " after " + lastStep);
      }
      lastStep = st;
      anyStep = true;
    }
    for (Map.Entry<Field, ElementWriter> en : elements.entrySet()) {
      Field f = en.getKey();
      ElementWriter e = en.getValue();
      float[] v = block.values(f);
      if (v == null) {
        continue;
      }
      int present = 0;
      for (int i = 0; i < n; i++) {
        if (block.has(f, i)) {
          present++;
        }
      }
      if (present == 0) {
        continue;
      }
      int width = f == Field.BOX ? 9 : atoms * 3;
      // Box rows are converted to vectors here; other values go from the block's floats straight to the appender.
      ByteBuffer vals = f == Field.BOX ? ByteBuffer.allocate(present * width * 4).order(ByteOrder.LITTLE_ENDIAN) : null;
      ByteBuffer steps = ByteBuffer.allocate(present * 8).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer times = ByteBuffer.allocate(present * 8).order(ByteOrder.LITTLE_ENDIAN);
      int run = 0;
      for (int i = 0; i < n; i++) {
        if (!block.has(f, i)) {
          continue;
        }
        if (f == Field.BOX) {
          for (double x : BoxGeometry.toVectors(v, i * 6)) {
            vals.putFloat((float) x);
          }
        } else if (i + 1 < n && block.has(f, i + 1)) {
          run++;
        } else {
          e.value.appendFloats(v, (i - run) * width, run + 1);
          run = 0;
        }
        steps.putLong(block.step(i));
        times.putDouble(block.time(i));
      }
      if (vals != null) {
        e.value.append(vals.array(), 0, present);
      }
      e.step.append(steps.array(), 0, present);
      if (e.time != null) {
        e.time.append(times.array(), 0, present);
      }
    }
    frames += n;
  }

  /**
   * Writes observable samples below {@code observables/} with their own steps and times (see {@link
   * ObservableWriters} for the layout); visible once the writer is closed.
   */
  @Override
  public void appendObservable(io.trajstream.format.ObservableSeries samples) throws IOException {
    if (closed) {
      throw new IllegalStateException(view.root() + ": writer is closed");
    }
    observables.append(samples);
  }

  @Override
  public int framesWritten() {
    return frames;
  }

  /**
   * Stops without writing any metadata: chunks already stored stay as unreferenced objects, and
   * readers see the trajectory as it was before this writer (or none).
   */
  @Override
  public void abort() {
    closed = true;
  }

  /** Stores the last chunks, then array metadata, then group metadata, then {@code .zmetadata}. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Map<ElementWriter, ZarrArray[]> finished = new java.util.LinkedHashMap<>();
    for (ElementWriter e : elements.values()) {
      finished.put(e, new ZarrArray[] {e.value.finish(), e.step.finish(), e.time == null ? null : e.time.finish()});
    }
    // Every chunk is stored: now all metadata but the root group's, together; then the root group; then .zmetadata.
    hierarchy.startBatch();
    for (Map.Entry<ElementWriter, ZarrArray[]> en : finished.entrySet()) {
      ElementWriter e = en.getKey();
      ZarrArray[] a = en.getValue();
      a[0].commitMetadata(e.unit == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.createObjectNode().put("unit", e.unit));
      a[1].commitMetadata(Json.MAPPER.createObjectNode());
      if (a[2] != null) {
        a[2].commitMetadata(timeUnit == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.createObjectNode().put("unit", timeUnit));
      }
      ZarrGroup.create(hierarchy, e.path, Json.MAPPER.createObjectNode());
    }
    observables.commit();
    String g = "particles/" + group;
    if (elements.containsKey(Field.BOX) || !hierarchy.exists(g + "/box")) {
      ObjectNode box = Json.MAPPER.createObjectNode();
      box.put("dimension", 3);
      box.set("boundary", Json.toTree(boundary));
      ZarrGroup.create(hierarchy, g + "/box", box);
    }
    ZarrGroup.create(hierarchy, g, Json.MAPPER.createObjectNode());
    ZarrGroup.create(hierarchy, "particles", Json.MAPPER.createObjectNode());
    ZarrGroup.create(hierarchy, "h5md/author", Json.MAPPER.createObjectNode().put("name", author));
    ObjectNode cr = Json.MAPPER.createObjectNode().put("name", creator);
    if (creatorVersion != null) {
      cr.put("version", creatorVersion);
    }
    ZarrGroup.create(hierarchy, "h5md/creator", cr);
    ObjectNode h5 = Json.MAPPER.createObjectNode();
    h5.set("version", Json.toTree(List.of(1, 1)));
    ZarrGroup.create(hierarchy, "h5md", h5);
    hierarchy.writeBatch();
    ZarrGroup.create(hierarchy, "", Json.MAPPER.createObjectNode());
    hierarchy.consolidate();
    view.delete(INCOMPLETE_MARKER);
  }
}
