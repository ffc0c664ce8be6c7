package io.trajstream.zarrmd;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The Java half of {@code bench/speed-vs-zarr-python.sh} (not a test): writes and reads all
 * positions of a synthetic trajectory as zarrmd with Blosc lz4, N timed runs, and dumps the same
 * positions as raw float32 for the zarr-python half. Arguments: DIR ATOMS FRAMES RUNS. Prints one
 * JSON line with every timed run; times exclude JVM start and data generation; JIT warm-up runs
 * come first for three seconds, not among the N, the first of them reported on its own as {@code
 * cold_write_s} / {@code cold_read_s}. What is read back is checked against what was written, outside the timing.
 */
public final class SpeedComparison {
  /**
   * Untimed runs first, for three seconds (as JMH's {@code -w 3s}), so that the timed ones see
   * compiled code: a write and read go through much code run once per operation, which the JIT
   * compiles only after dozens of operations.
   */
  private static final long WARMUP_NANOS = 3_000_000_000L;

  private SpeedComparison() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int atoms = Integer.parseInt(args[1]);
    int frames = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    Files.createDirectories(dir);
    SyntheticTrajectory s = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(1).fields(EnumSet.of(Field.POSITION)).build();
    List<FrameBlock> blocks = new ArrayList<>();
    int blockFrames = 100;
    try (OutputStream raw = Files.newOutputStream(dir.resolve("positions.f32"))) {
      for (int start = 0; start < frames; start += blockFrames) {
        FrameBlock b = s.block(start, Math.min(frames, start + blockFrames));
        blocks.add(b);
        ByteBuffer bb = ByteBuffer.allocate(b.positions().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(b.positions());
        raw.write(bb.array());
      }
    }
    FileStore store = new FileStore(dir);
    ZarrmdFormat format = new ZarrmdFormat();
    WriteOptions o = WriteOptions.defaults().with("compressor", "blosc:lz4:5");
    List<String> writes = new ArrayList<>();
    List<String> reads = new ArrayList<>();
    double coldWrite = 0;
    double coldRead = 0;
    float[] back = null;
    long warmUntil = System.nanoTime() + WARMUP_NANOS;
    int warmups = 0;
    for (int r = 0; writes.size() < runs; r++) {
      long t0 = System.nanoTime();
      // As zarr-python's mode="w": the previous store goes first (timed), so no chunk replaces an old file.
      deleteTree(dir.resolve("java.zarrmd"));
      try (TrajectoryWriter w = format.create(store, "java.zarrmd", s.info(), o)) {
        for (FrameBlock b : blocks) {
          w.append(b);
        }
      }
      long t1 = System.nanoTime();
      try (TrajectoryReader rd = format.open(store, "java.zarrmd", ReadOptions.defaults())) {
        back = rd.read(FrameRange.of(0, frames), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions();
      }
      long t2 = System.nanoTime();
      if (r == 0) {
        coldWrite = (t1 - t0) / 1e9;
        coldRead = (t2 - t1) / 1e9;
      }
      if (t0 < warmUntil) {
        warmups++;
      } else {
        writes.add(String.format("%.4f", (t1 - t0) / 1e9));
        reads.add(String.format("%.4f", (t2 - t1) / 1e9));
      }
    }
    // Not timed: what was read back is exactly what was written.
    int at = 0;
    for (FrameBlock b : blocks) {
      float[] p = b.positions();
      if (!java.util.Arrays.equals(p, 0, p.length, back, at, at + p.length)) {
        throw new IllegalStateException("positions read back differ from those written, near element " + at);
      }
      at += p.length;
    }
    long stored;
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("java.zarrmd"))) {
      stored = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    double mb = frames * (double) atoms * 12 / 1e6;
    System.out.printf("{\"impl\":\"trajstream\",\"atoms\":%d,\"frames\":%d,\"MB\":%.1f,\"stored_MB\":%.1f,\"write_s\":[%s],"
        + "\"read_s\":[%s],\"cold_write_s\":%.3f,\"cold_read_s\":%.3f,\"warmup_runs\":%d}%n",
        atoms, frames, mb, stored / 1e6, String.join(",", writes), String.join(",", reads), coldWrite, coldRead, warmups);
  }

  /** Deletes a directory tree in one walk, as Python's shutil.rmtree does. */
  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) throws IOException {
        Files.delete(f);
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
  }
}
