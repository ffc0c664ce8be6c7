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
  private final StepSeries steps;
  private final TimeSeries times;
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
  private final int[] partStarts;
  private final List<String> partLocations;

  private TrajectoryInfo(Builder b) {
    this.format = b.format;
    this.location = b.location;
    this.atoms = b.atoms;
    this.steps = b.steps;
    this.times = b.times;
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
    this.partStarts = b.partStarts == null ? new int[] {0} : b.partStarts.clone();
    this.partLocations = b.partLocations == null ? Collections.singletonList(b.location) : List.copyOf(b.partLocations);
  }

  public static Builder builder(String format, int atoms, long[] steps) {
    return new Builder(format, atoms, StepSeries.of(steps));
  }

  /** A builder whose frames are {@code steps}: a fixed-interval series costs nothing per frame. */
  public static Builder builder(String format, int atoms, StepSeries steps) {
    return new Builder(format, atoms, steps);
  }

  /** A builder pre-filled with this info's values. */
  public Builder toBuilder() {
    Builder b = new Builder(format, atoms, steps);
    b.location = location;
    b.times = times;
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
    if (partStarts.length > 1) {
      b.partStarts = partStarts.clone();
      b.partLocations = partLocations;
    }
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
    return steps.size();
  }

  /** MD step of each frame. */
  public long step(int frame) {
    return steps.step(frame);
  }

  /** Every frame's step as a new array: one entry per frame, so prefer {@link #step} or {@link #stepSeries}. */
  public long[] steps() {
    return steps.toArray();
  }

  /** The steps of the frames (fixed-interval series are computed, not stored). */
  public StepSeries stepSeries() {
    return steps;
  }

  /** The times of the frames, or null when the file has none. */
  public TimeSeries timeSeries() {
    return times;
  }

  /** Whether the file stores a time per frame. */
  public boolean hasTime() {
    return times != null;
  }

  /** Time of a frame in {@link #timeUnit()}, NaN when the file has no time. */
  public double time(int frame) {
    return times == null ? Double.NaN : times.time(frame);
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

  /**
   * Number of parts (files) the frames come from: 1 for one file, more for a chain of files read as
   * one trajectory. Frames of different parts never share a storage chunk, and engines never hand
   * out a block that spans two parts.
   */
  public int parts() {
    return partStarts.length;
  }

  /** The first frame of each part, in part order: {@code [0]} for one file. */
  public List<Integer> partStarts() {
    List<Integer> out = new ArrayList<>(partStarts.length);
    for (int s : partStarts) {
      out.add(s);
    }
    return Collections.unmodifiableList(out);
  }

  /** The first frame of part {@code part}. */
  public int partStart(int part) {
    return partStarts[part];
  }

  /** Where part {@code part} was read from (for one file: {@link #location()}). */
  public String partLocation(int part) {
    return partLocations.get(part);
  }

  /** The part holding {@code frame}. */
  public int partOf(int frame) {
    if (frame < 0 || frame >= frames()) {
      throw new IndexOutOfBoundsException("frame " + frame + " of " + frames());
    }
    int i = java.util.Arrays.binarySearch(partStarts, frame);
    if (i >= 0) {
      while (i + 1 < partStarts.length && partStarts[i + 1] == frame) {
        i++;
      }
      return i;
    }
    return -i - 2;
  }

  @Override
  public String toString() {
    return format + " " + location + ": " + atoms + " atoms, " + frames() + " frames, fields " + fields;
  }

  /** Builds a {@link TrajectoryInfo}. */
  public static final class Builder {
    private final String format;
    private final int atoms;
    private final StepSeries steps;
    private String location = "";
    private TimeSeries times;
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
    private int[] partStarts;
    private List<String> partLocations;

    private Builder(String format, int atoms, StepSeries steps) {
      this.format = format;
      this.atoms = atoms;
      this.steps = steps;
    }

    public Builder location(String v) {
      location = v;
      return this;
    }

    /** Times per frame (null: the file has none). */
    public Builder times(double[] v) {
      return timeSeries(v == null ? null : TimeSeries.of(v));
    }

    /** Times per frame (null: the file has none); a fixed-interval series costs nothing per frame. */
    public Builder timeSeries(TimeSeries v) {
      if (v != null && v.size() != steps.size()) {
        throw new IllegalArgumentException(v.size() + " times for " + steps.size() + " frames");
      }
      times = v;
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

    /**
     * Declares the frames as coming from several parts: {@code starts} holds the first frame of
     * each part (increasing from 0, not past the frame count), {@code locations} where each part
     * was read from.
     */
    public Builder parts(int[] starts, List<String> locations) {
      if (starts.length == 0 || starts[0] != 0 || starts.length != locations.size()) {
        throw new IllegalArgumentException("parts must start at frame 0 and name each part: "
            + java.util.Arrays.toString(starts) + " for " + locations.size() + " locations");
      }
      for (int i = 1; i < starts.length; i++) {
        if (starts[i] < starts[i - 1] || starts[i] > steps.size()) {
          throw new IllegalArgumentException("part starts " + java.util.Arrays.toString(starts)
              + " do not increase within " + steps.size() + " frames");
        }
      }
      partStarts = starts.clone();
      partLocations = List.copyOf(locations);
      return this;
    }

    public TrajectoryInfo build() {
      return new TrajectoryInfo(this);
    }
  }
}
