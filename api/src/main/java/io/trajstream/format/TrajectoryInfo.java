package io.trajstream.format;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a trajectory holds, learnt at open: atom and frame counts, fields and their units, per-frame
 * step and time, box boundary, particle group, chunk layout, compression, the file's H5MD author and
 * creator, and its observables.
 */
public final class TrajectoryInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String format;
  private final String location;
  private final int atoms;
  private final int frames;
  /** Step of each frame, or null when the steps are regular ({@link #firstStep} + i × {@link #stepInterval}). */
  private final long[] steps;
  private final long firstStep;
  private final long stepInterval;
  /** Time of each frame, or null when the file has none or the times are regular. */
  private final double[] times;
  private final boolean regularTimes;
  private final double firstTime;
  private final double timeInterval;
  private final EnumSet<Field> fields;
  private final EnumMap<Field, String> units;
  private final String timeUnit;
  private final List<String> boundary;
  private final String particleGroup;
  private final EnumMap<Field, Integer> framesPerChunk;
  private final EnumMap<Field, String> compression;
  private final String author;
  private final String creator;
  private final List<String> observables;
  private final Map<String, ObservableInfo> observableInfos;
  private final Map<String, String> attributes;

  private TrajectoryInfo(Builder b) {
    this.format = b.format;
    this.location = b.location;
    this.atoms = b.atoms;
    this.frames = b.frames;
    this.steps = b.steps;
    this.firstStep = b.firstStep;
    this.stepInterval = b.stepInterval;
    this.times = b.times;
    this.regularTimes = b.regularTimes;
    this.firstTime = b.firstTime;
    this.timeInterval = b.timeInterval;
    this.fields = b.fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(b.fields);
    this.units = new EnumMap<>(b.units);
    this.timeUnit = b.timeUnit;
    this.boundary = List.copyOf(b.boundary);
    this.particleGroup = b.particleGroup;
    this.framesPerChunk = new EnumMap<>(b.framesPerChunk);
    this.compression = new EnumMap<>(b.compression);
    this.author = b.author;
    this.creator = b.creator;
    this.observables = List.copyOf(b.observables);
    this.observableInfos = Collections.unmodifiableMap(new LinkedHashMap<>(b.observableInfos));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  public static Builder builder(String format, int atoms, long[] steps) {
    return new Builder(format, atoms, steps);
  }

  /**
   * A builder for {@code frames} frames at regular steps: frame i has step {@code firstStep + i *
   * stepInterval}. No per-frame array is kept, so a file may declare billions of frames.
   *
   * @throws IllegalArgumentException when {@code frames < 0}, the interval is not positive (with
   *     more than one frame), or the last step does not fit in a long
   */
  public static Builder regular(String format, int atoms, int frames, long firstStep, long stepInterval) {
    return new Builder(format, atoms, frames, firstStep, stepInterval);
  }

  /** A builder pre-filled with this info's values. */
  public Builder toBuilder() {
    Builder b = steps != null ? new Builder(format, atoms, steps) : new Builder(format, atoms, frames, firstStep, stepInterval);
    b.location = location;
    b.times = times;
    b.regularTimes = regularTimes;
    b.firstTime = firstTime;
    b.timeInterval = timeInterval;
    b.fields.addAll(fields);
    b.units.putAll(units);
    b.timeUnit = timeUnit;
    b.boundary.addAll(boundary);
    b.particleGroup = particleGroup;
    b.framesPerChunk.putAll(framesPerChunk);
    b.compression.putAll(compression);
    b.author = author;
    b.creator = creator;
    b.observables.addAll(observables);
    b.observableInfos.putAll(observableInfos);
    b.attributes.putAll(attributes);
    return b;
  }

  /** The format name, e.g. {@code h5md}. */
  public String format() {
    return format;
  }

  /** Where the trajectory was read from. */
  public String location() {
    return location;
  }

  public int atoms() {
    return atoms;
  }

  public int frames() {
    return frames;
  }

  /** MD step of a frame. */
  public long step(int frame) {
    if (steps != null) {
      return steps[frame];
    }
    java.util.Objects.checkIndex(frame, frames);
    return firstStep + frame * stepInterval;
  }

  /**
   * The step of every frame, as a new array (for a file that declares very many frames prefer
   * {@link #step(int)}: this array has one long per frame).
   */
  public long[] steps() {
    if (steps != null) {
      return steps.clone();
    }
    long[] out = new long[frames];
    for (int i = 0; i < frames; i++) {
      out[i] = firstStep + i * stepInterval;
    }
    return out;
  }

  /** Whether frames follow regular steps (then no per-frame step array is held). */
  public boolean regularSteps() {
    return steps == null;
  }

  /** Whether the file stores a time per frame. */
  public boolean hasTime() {
    return times != null || regularTimes;
  }

  /** Time of a frame in {@link #timeUnit()}, NaN when the file has no time. */
  public double time(int frame) {
    if (regularTimes) {
      java.util.Objects.checkIndex(frame, frames);
      return firstTime + frame * timeInterval;
    }
    return times == null ? Double.NaN : times[frame];
  }

  /** Fields present in at least one frame. */
  public Set<Field> fields() {
    return Collections.unmodifiableSet(fields);
  }

  public boolean has(Field field) {
    return fields.contains(field);
  }

  /** The unit string of a field as stored (box: the unit of its lengths), or null if unitless. */
  public String unit(Field field) {
    return units.get(field);
  }

  public String timeUnit() {
    return timeUnit;
  }

  /** Per-dimension box boundary ({@code periodic} or {@code none}); empty when unknown. */
  public List<String> boundary() {
    return boundary;
  }

  public String particleGroup() {
    return particleGroup;
  }

  /** Frames per storage chunk of a field (1 for one frame per chunk; all frames if unchunked). */
  public int framesPerChunk(Field field) {
    return framesPerChunk.getOrDefault(field, Math.max(1, frames()));
  }

  /** Frames per storage chunk of every field that has a layout. */
  public Map<Field, Integer> chunkLayout() {
    return Collections.unmodifiableMap(framesPerChunk);
  }

  /** Compression of each field, e.g. {@code gzip(4)}, {@code blosc(lz4,5,shuffle)}, {@code none}. */
  public Map<Field, String> compression() {
    return Collections.unmodifiableMap(compression);
  }

  public String author() {
    return author;
  }

  public String creator() {
    return creator;
  }

  /** Paths of observables below the {@code observables} group. */
  public List<String> observables() {
    return observables;
  }

  /**
   * Descriptions of the observables whose values the reader can hand out (see {@link
   * TrajectoryReader#observable}), in the order of {@link #observables()}; a reader that only lists
   * paths has none.
   */
  public List<ObservableInfo> observableInfos() {
    return List.copyOf(observableInfos.values());
  }

  /** The description of the observable at {@code path}, if the reader gives one. */
  public java.util.Optional<ObservableInfo> observableInfo(String path) {
    return java.util.Optional.ofNullable(observableInfos.get(path));
  }

  /** Further format-specific facts (e.g. {@code creator.version}). */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public String toString() {
    return format + " " + location + ": " + atoms + " atoms, " + frames() + " frames, fields " + fields;
  }

  /** Builds a {@link TrajectoryInfo}. */
  public static final class Builder {
    private final String format;
    private final int atoms;
    private final int frames;
    private final long[] steps;
    private final long firstStep;
    private final long stepInterval;
    private String location = "";
    private double[] times;
    private boolean regularTimes;
    private double firstTime;
    private double timeInterval;
    private final EnumSet<Field> fields = EnumSet.noneOf(Field.class);
    private final EnumMap<Field, String> units = new EnumMap<>(Field.class);
    private String timeUnit;
    private final List<String> boundary = new ArrayList<>();
    private String particleGroup;
    private final EnumMap<Field, Integer> framesPerChunk = new EnumMap<>(Field.class);
    private final EnumMap<Field, String> compression = new EnumMap<>(Field.class);
    private String author;
    private String creator;
    private final List<String> observables = new ArrayList<>();
    private final Map<String, ObservableInfo> observableInfos = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(String format, int atoms, long[] steps) {
      this.format = format;
      this.atoms = atoms;
      this.steps = steps.clone();
      this.frames = steps.length;
      this.firstStep = 0;
      this.stepInterval = 0;
    }

    private Builder(String format, int atoms, int frames, long firstStep, long stepInterval) {
      if (frames < 0) {
        throw new IllegalArgumentException("negative frame count " + frames);
      }
      if (frames > 1) {
        if (stepInterval <= 0) {
          throw new IllegalArgumentException("steps must increase, got an interval of " + stepInterval);
        }
        try {
          Math.addExact(firstStep, Math.multiplyExact(frames - 1L, stepInterval));
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException(frames + " frames from step " + firstStep + " every " + stepInterval
              + " run past the largest step");
        }
      }
      this.format = format;
      this.atoms = atoms;
      this.steps = null;
      this.frames = frames;
      this.firstStep = firstStep;
      this.stepInterval = stepInterval;
    }

    public Builder location(String v) {
      location = v;
      return this;
    }

    /** Times per frame (null: the file has none). */
    public Builder times(double[] v) {
      if (v != null && v.length != frames) {
        throw new IllegalArgumentException(v.length + " times for " + frames + " frames");
      }
      times = v == null ? null : v.clone();
      regularTimes = false;
      return this;
    }

    /** Regular times: frame i at {@code first + i * interval}; no per-frame array is kept. */
    public Builder regularTimes(double first, double interval) {
      times = null;
      regularTimes = true;
      firstTime = first;
      timeInterval = interval;
      return this;
    }

    public Builder field(Field f, String unit) {
      fields.add(f);
      if (unit != null) {
        units.put(f, unit);
      }
      return this;
    }

    public Builder timeUnit(String v) {
      timeUnit = v;
      return this;
    }

    public Builder boundary(List<String> v) {
      boundary.clear();
      boundary.addAll(v);
      return this;
    }

    public Builder particleGroup(String v) {
      particleGroup = v;
      return this;
    }

    public Builder chunking(Field f, int framesPerChunkOfField, String compressionOfField) {
      framesPerChunk.put(f, framesPerChunkOfField);
      if (compressionOfField != null) {
        compression.put(f, compressionOfField);
      }
      return this;
    }

    public Builder author(String v) {
      author = v;
      return this;
    }

    public Builder creator(String v) {
      creator = v;
      return this;
    }

    public Builder observable(String path) {
      observables.add(path);
      return this;
    }

    /** Lists an observable with its description (its values can then be read). */
    public Builder observable(ObservableInfo info) {
      if (!observables.contains(info.path())) {
        observables.add(info.path());
      }
      observableInfos.put(info.path(), info);
      return this;
    }

    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    public TrajectoryInfo build() {
      return new TrajectoryInfo(this);
    }
  }
}
