package io.trajstream.benchmarks;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes benchmark trajectories into a store: zarrmd with our own writer, H5MD through Python's
 * h5py (there is no H5MD writer in Java), both from the same {@link SyntheticTrajectory}.
 */
public final class DatasetWriter {
  /** Edge of the synthetic box in Angstrom. */
  static final float BOX_EDGE = 60f;
  private static final Pattern STORED = Pattern.compile("\"stored_bytes\"\\s*:\\s*(\\d+)");

  private final String python;

  /** A writer that runs {@code python} (e.g. {@code /usr/bin/python3}) for H5MD files. */
  public DatasetWriter(String python) {
    this.python = python;
  }

  /** The Python from env {@code TRAJSTREAM_PYTHON}, else {@code /usr/bin/python3}, else {@code python3}. */
  public static DatasetWriter withDefaultPython() {
    String p = System.getenv("TRAJSTREAM_PYTHON");
    if (p == null || p.isBlank()) {
      p = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
    return new DatasetWriter(p);
  }

  /** The synthetic trajectory behind {@code spec}: positions and a box. */
  public static SyntheticTrajectory trajectory(DatasetSpec spec) {
    return SyntheticTrajectory.builder().atoms(spec.atoms()).frames(spec.frames()).seed(spec.seed())
        .box(BOX_EDGE).fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
  }

  /**
   * Writes {@code spec} into {@code store} under {@code spec.key()} (or {@code key} when given);
   * {@code scratch} holds temporary files for the H5MD path.
   */
  public Dataset write(DatasetSpec spec, Store store, String key, Path scratch) throws IOException {
    String k = key == null ? spec.key() : key;
    if (spec.format().equals("zarrmd")) {
      return writeZarrmd(spec, store, k);
    }
    return writeH5md(spec, store, k, scratch);
  }

  private static Dataset writeZarrmd(DatasetSpec spec, Store store, String key) throws IOException {
    SyntheticTrajectory t = trajectory(spec);
    WriteOptions o = WriteOptions.defaults()
        .with("chunk-frames", String.valueOf(spec.chunkFrames()))
        .with("compressor", spec.compression().zarrmdSpec());
    int block = spec.chunkFrames() * (int) Math.max(1, (4L << 20) / (DatasetSpec.bytesPerFrame(spec.atoms()) * spec.chunkFrames()));
    t.writeTo(new ZarrmdFormat(), store, key, o, block);
    return new Dataset(spec, key, zarrPositionBytes(store, key));
  }

  /** Stored bytes of the chunk objects of every {@code position/value} array below {@code key}. */
  static long zarrPositionBytes(Store store, String key) throws IOException {
    long n = 0;
    try (Stream<StoreEntry> s = store.list(key + "/particles/")) {
      for (StoreEntry e : (Iterable<StoreEntry>) s::iterator) {
        String k = e.key();
        int slash = k.lastIndexOf('/');
        String dir = k.substring(0, slash + 1);
        if (dir.endsWith("/position/value/") && !k.substring(slash + 1).startsWith(".")) {
          n += e.length();
        }
      }
    }
    return n;
  }

  private Dataset writeH5md(DatasetSpec spec, Store store, String key, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Path raw = Files.createTempFile(scratch, "positions", ".f32");
    Path script = scratch.resolve("make_h5md.py");
    Path out = scratch.resolve(key + ".part");
    try {
      writeRaw(trajectory(spec), raw);
      try (InputStream in = DatasetWriter.class.getResourceAsStream("make_h5md.py")) {
        Files.write(script, in.readAllBytes());
      }
      String stdout = run(List.of(python, script.toString(), raw.toString(), out.toString(),
          String.valueOf(spec.atoms()), String.valueOf(spec.frames()), String.valueOf(spec.chunkFrames()),
          spec.compression().label(), String.valueOf(BOX_EDGE), "1.0", "10"));
      Matcher m = STORED.matcher(stdout);
      if (!m.find()) {
        throw new IOException("H5MD generator printed no stored size: " + stdout);
      }
      store.write(key, ByteBuffer.wrap(Files.readAllBytes(out)));
      return new Dataset(spec, key, Long.parseLong(m.group(1)));
    } finally {
      Files.deleteIfExists(raw);
      Files.deleteIfExists(out);
    }
  }

  /** Positions of all frames as little-endian float32, frame-major. */
  static void writeRaw(SyntheticTrajectory t, Path raw) throws IOException {
    int step = Math.max(1, (int) ((4L << 20) / DatasetSpec.bytesPerFrame(t.atoms())));
    try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int s = 0; s < t.frames(); s += step) {
        int e = Math.min(t.frames(), s + step);
        FrameBlock b = t.block(io.trajstream.format.FrameRange.of(s, e), io.trajstream.format.AtomSelection.all(),
            EnumSet.of(Field.POSITION));
        float[] p = b.positions();
        ByteBuffer buf = ByteBuffer.allocate(p.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(p);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    }
  }

  private String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("H5MD generator timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new java.io.InterruptedIOException("interrupted while writing an H5MD file");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.format(Locale.ROOT,
          "H5MD generator (%s with h5py, numpy, numcodecs) failed with exit code %d: %s",
          python, p.exitValue(), text.strip()));
    }
    return text;
  }
}
