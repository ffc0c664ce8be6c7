package io.trajstream.h5md.write;

import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an H5MD 1.1 file: {@code h5md} (version, author, creator), {@code particles/GROUP/} with
 * one time-dependent element per field ({@code position}, {@code velocity}, {@code force}: value
 * {@code [F, atoms, 3]} float32; {@code box/edges}: value {@code [F, 3, 3]} float32 box vectors) each
 * with its own {@code step} (int64) and, when the source has times, {@code time} (float64), units as
 * {@code unit} attributes, and {@code observables/} (see {@link H5mdObservableWriters}). Values are
 * chunked along frames and compressed per {@link H5mdWriteSettings}. Frames arrive in blocks; each
 * dataset buffers at most one chunk and stores it when it fills, so memory is bounded by the chunk
 * size, not the file. The file is built locally and put in place by {@link H5mdDestination} on
 * {@link #close()}; {@link #abort()} leaves the destination untouched.
 */
public final class H5mdWriter implements TrajectoryWriter {
  /** Frames per chunk of the step and time datasets (256 KiB of int64). */
  static final int STEP_TIME_CHUNK_FRAMES = 1 << 15;

  /** The three datasets of one element. */
  private record Element(HdfDataset value, HdfDataset step, HdfDataset time) {}

  private final H5mdDestination destination;
  private final HdfFileBuilder file;
  private final String location;
  private final int atoms;
  private final Map<Field, Element> elements = new EnumMap<>(Field.class);
  private final H5mdObservableWriters observables;
  private int frames;
  private long lastStep;
  private boolean anyStep;
  private boolean closed;

  private H5mdWriter(H5mdDestination destination, HdfFileBuilder file, int atoms, H5mdWriteSettings settings) {
    this.destination = destination;
    this.file = file;
    this.location = destination.location();
    this.atoms = atoms;
    this.observables = new H5mdObservableWriters(file, location, settings.filters());
  }

  /** Creates an H5MD file at {@code key} of {@code store}, shaped like {@code template}. */
  public static H5mdWriter create(Store store, String key, TrajectoryInfo template, H5mdWriteSettings s) throws IOException {
    return create(H5mdDestination.of(store, key), template, s);
  }

  /** Creates an H5MD file at {@code dest}, shaped like {@code template}. */
  static H5mdWriter create(H5mdDestination dest, TrajectoryInfo template, H5mdWriteSettings s) throws IOException {
    List<Field> fields = template.fields().stream().filter(s.fields()::contains).toList();
    if (fields.isEmpty()) {
      dest.discard();
      throw new IllegalArgumentException("nothing to write: the template has fields " + template.fields()
          + ", option fields keeps none");
    }
    HdfFileBuilder file = HdfFileBuilder.create(dest.localFile(), ChunkEncoder.threadsFor(s.filters()));
    try {
      H5mdWriter w = new H5mdWriter(dest, file, template.atoms(), s);
      w.layout(template, s, fields);
      return w;
    } catch (RuntimeException e) {
      file.abort();
      dest.discard();
      throw e;
    }
  }

  private void layout(TrajectoryInfo template, H5mdWriteSettings s, List<Field> fields) {
    String author = s.author() != null ? s.author() : template.author() != null ? template.author() : System.getProperty("user.name", "unknown");
    String creator = s.creator() != null ? s.creator() : template.creator() != null ? template.creator() : "TrajStream";
    String creatorVersion = s.creator() == null && template.creator() != null
        ? template.attributes().getOrDefault("creator.version", "unknown") : version();
    file.group("h5md").attribute("version", new int[] {1, 1});
    file.group("h5md/author").attribute("name", author);
    file.group("h5md/creator").attribute("name", creator).attribute("version", creatorVersion);
    String group = s.group() != null ? s.group() : template.particleGroup() != null ? template.particleGroup() : "trajectory";
    if (group.isEmpty() || group.contains("/")) {
      throw new IllegalArgumentException("bad particle group name '" + group + "'");
    }
    String g = "particles/" + group;
    for (Field f : fields) {
      boolean box = f == Field.BOX;
      String p = g + "/" + (box ? "box/edges" : f.key());
      long[] row = box ? new long[] {3, 3} : new long[] {atoms, 3};
      int fpc = s.framesPerChunk(4L * row[0] * row[1]);
      HdfDataset value = file.chunked(p + "/value", HdfType.FLOAT32, row, fpc, s.filters());
      if (template.unit(f) != null) {
        value.attribute("unit", template.unit(f));
      }
      HdfDataset step = file.chunked(p + "/step", HdfType.INT64, new long[0], STEP_TIME_CHUNK_FRAMES, s.filters());
      HdfDataset time = null;
      if (template.hasTime()) {
        time = file.chunked(p + "/time", HdfType.FLOAT64, new long[0], STEP_TIME_CHUNK_FRAMES, s.filters());
        if (template.timeUnit() != null) {
          time.attribute("unit", template.timeUnit());
        }
      }
      elements.put(f, new Element(value, step, time));
    }
    List<String> boundary = fields.contains(Field.BOX)
        ? (template.boundary().size() == 3 ? template.boundary() : List.of("periodic", "periodic", "periodic"))
        : List.of("none", "none", "none");
    file.group(g + "/box").attribute("dimension", 3).attribute("boundary", boundary);
  }

  private static String version() {
    String v = H5mdWriter.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public void append(FrameBlock block) throws IOException {
    if (closed) {
      throw new IllegalStateException(location + ": writer is closed");
    }
    if (block.atomCount() != atoms) {
      throw new IllegalArgumentException(location + ": a block of frames " + describe(block) + " has " + block.atomCount()
          + " atoms, the trajectory has " + atoms);
    }
    int n = block.frameCount();
    long last = lastStep;
    boolean any = anyStep;
    for (int i = 0; i < n; i++) {
      long st = block.step(i);
      if (any && st <= last) {
        throw new IllegalArgumentException(location + ": steps must increase, got " + st + " after " + last
            + " (frame " + block.frame(i) + ")");
      }
      last = st;
      any = true;
    }
    for (Map.Entry<Field, Element> en : elements.entrySet()) {
      appendField(block, en.getKey(), en.getValue());
    }
    lastStep = last;
    anyStep = any;
    frames += n;
    destination.checkSize(file.bytesWritten());
  }

  private static String describe(FrameBlock b) {
    return b.frameCount() == 0 ? "(none)" : b.frame(0) + ".." + b.frame(b.frameCount() - 1);
  }

  private void appendField(FrameBlock block, Field f, Element e) throws IOException {
    float[] v = block.values(f);
    if (v == null) {
      return;
    }
    int n = block.frameCount();
    int width = f.valuesPerFrame(atoms);
    if (v.length != (long) n * width) {
      throw new IllegalArgumentException(location + ": " + f.key() + " of frames " + describe(block) + " has " + v.length
          + " values, expected " + ((long) n * width));
    }
    int present = 0;
    for (int i = 0; i < n; i++) {
      if (block.has(f, i)) {
        present++;
      }
    }
    if (present == 0) {
      return;
    }
    long[] steps = new long[present];
    double[] times = new double[present];
    int k = 0;
    int run = 0;
    float[] vectors = f == Field.BOX ? new float[present * 9] : null;
    for (int i = 0; i < n; i++) {
      if (!block.has(f, i)) {
        continue;
      }
      if (vectors != null) {
        double[] m = BoxGeometry.toVectors(v, i * 6);
        for (int j = 0; j < 9; j++) {
          vectors[k * 9 + j] = (float) m[j];
        }
      } else if (i + 1 < n && block.has(f, i + 1)) {
        run++;
      } else {
        e.value().appendFloats(v, (i - run) * width, run + 1); // a run of present frames in one go
        run = 0;
      }
      steps[k] = block.step(i);
      times[k] = block.time(i);
      k++;
    }
    if (vectors != null) {
      e.value().appendFloats(vectors, 0, present);
    }
    e.step().appendLongs(steps);
    if (e.time() != null) {
      e.time().appendDoubles(times);
    }
  }

  @Override
  public void appendObservable(ObservableSeries samples) throws IOException {
    if (closed) {
      throw new IllegalStateException(location + ": writer is closed");
    }
    observables.append(samples);
  }

  @Override
  public int framesWritten() {
    return frames;
  }

  /** Frames per chunk of each field's value dataset. */
  public Map<Field, Integer> chunkFrames() {
    Map<Field, Integer> m = new EnumMap<>(Field.class);
    elements.forEach((f, e) -> m.put(f, e.value().chunkRows()));
    return m;
  }

  @Override
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      file.abort();
    } finally {
      destination.discard();
    }
  }

  /** Stores the last chunks, the chunk indexes and all metadata, then puts the file in place. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      observables.finish();
      file.finish();
    } catch (IOException | RuntimeException e) {
      file.abort();
      destination.discard();
      throw e;
    }
    destination.commit();
  }
}
