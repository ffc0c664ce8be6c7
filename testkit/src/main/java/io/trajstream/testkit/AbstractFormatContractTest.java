package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TrajectoryFormat} must have: a synthetic trajectory written and read
 * back equal (where the format writes), probes that accept its files and reject others, reads from
 * many threads, and golden files (files written by other tools) that read as expected.
 */
public abstract class AbstractFormatContractTest {

  /** The format under test. */
  protected abstract TrajectoryFormat format();

  /** A fresh, empty, writable store for one test. */
  protected abstract Store newStore() throws IOException;

  /** The key trajectories are written under; defaults to {@code traj} plus the first extension. */
  protected String key() {
    return "traj" + format().extensions().iterator().next();
  }

  /** Write options used for round trips (e.g. a chunk size); defaults to the format's defaults. */
  protected WriteOptions writeOptions() {
    return WriteOptions.defaults().with("chunk-frames", "4");
  }

  /** Files written by other tools, with values they must read as. */
  protected List<GoldenFile> goldenFiles() throws IOException {
    return List.of();
  }

  /**
   * A file written by another tool and what it must read as: atoms, frames, and for some frames the
   * positions of some atoms (in the file's units).
   */
  public record GoldenFile(
      String name, Store store, String key, int atoms, int frames, Map<Integer, Map<Integer, float[]>> positions) {}

  /**
   * Stores {@code syn} as {@code key} in this format. By default through the format's own writer;
   * a read-only format overrides this to write the file with a reference tool (e.g. h5py), so the
   * read tests still run. Without either the write-dependent tests are skipped.
   */
  protected void writeSynthetic(Store store, String key, SyntheticTrajectory syn) throws IOException {
    assumeTrue(format().canWrite(), format().name() + " does not write and the test gives no other way to write it");
    syn.writeTo(format(), store, key, writeOptions(), 5);
  }

  /** The trajectory written by round-trip tests. */
  protected SyntheticTrajectory synthetic() {
    return SyntheticTrajectory.builder().atoms(57).frames(23).seed(7).timeStep(0.5).build();
  }

  private TrajectoryReader writeAndOpen(Store store) throws IOException {
    writeSynthetic(store, key(), synthetic());
    return format().open(store, key(), ReadOptions.defaults());
  }

  private static void assertSameBlock(FrameBlock expected, FrameBlock actual, String what) {
    assertArrayEquals(expected.frames(), actual.frames(), what + ": frames");
    assertArrayEquals(expected.atoms(), actual.atoms(), what + ": atoms");
    for (int i = 0; i < expected.frameCount(); i++) {
      assertEquals(expected.step(i), actual.step(i), what + ": step of frame " + expected.frame(i));
      assertEquals(expected.time(i), actual.time(i), 1e-9, what + ": time of frame " + expected.frame(i));
    }
    for (Field f : expected.fields()) {
      assertNotNull(actual.values(f), what + ": missing " + f.key());
      for (int i = 0; i < expected.frameCount(); i++) {
        assertEquals(expected.has(f, i), actual.has(f, i), what + ": presence of " + f.key() + " at " + i);
      }
      float[] e = expected.values(f);
      float[] a = actual.values(f);
      assertEquals(e.length, a.length, what + ": " + f.key() + " length");
      for (int k = 0; k < e.length; k++) {
        assertEquals(e[k], a[k], Math.abs(e[k]) * 1e-6f + 1e-4f, what + ": " + f.key() + "[" + k + "]");
      }
    }
  }

  @Test
  void writtenTrajectoryReadsBackEqual() throws IOException {
    Store store = newStore();
    SyntheticTrajectory syn = synthetic();
    try (TrajectoryReader r = writeAndOpen(store)) {
      TrajectoryInfo info = r.info();
      assertEquals(syn.atoms(), info.atoms());
      assertEquals(syn.frames(), info.frames());
      assertEquals(syn.fields(), info.fields());
      for (int f = 0; f < syn.frames(); f++) {
        assertEquals(syn.info().step(f), info.step(f));
        assertEquals(syn.info().time(f), info.time(f), 1e-9);
      }
      Field[] all = syn.fields().toArray(new Field[0]);
      FrameBlock expected = syn.block(FrameRange.of(0, syn.frames()), AtomSelection.all(), EnumSet.of(all[0], all));
      assertSameBlock(expected, r.read(FrameRange.of(0, syn.frames()), AtomSelection.all(), syn.fields()), "all frames");
    }
  }

  @Test
  void subsetsOfFramesAndAtomsReadEqual() throws IOException {
    Store store = newStore();
    SyntheticTrajectory syn = synthetic();
    try (TrajectoryReader r = writeAndOpen(store)) {
      Random rnd = new Random(3);
      for (int i = 0; i < 20; i++) {
        int start = rnd.nextInt(syn.frames());
        int stop = start + 1 + rnd.nextInt(syn.frames() - start);
        FrameRange range = new FrameRange(start, stop, 1 + rnd.nextInt(3));
        AtomSelection atoms =
            i % 3 == 0 ? AtomSelection.all()
                : i % 3 == 1 ? AtomSelection.range(rnd.nextInt(10), 10 + rnd.nextInt(40))
                    : AtomSelection.of(rnd.ints(8, 0, syn.atoms()).toArray());
        EnumSet<Field> fields = EnumSet.of(Field.POSITION, i % 2 == 0 ? Field.BOX : Field.VELOCITY);
        assertSameBlock(syn.block(range, atoms, fields), r.read(range, atoms, fields), range + " " + atoms);
      }
    }
  }

  @Test
  void probeAcceptsItsFilesAndRejectsOthers() throws IOException {
    Store store = newStore();
    writeSynthetic(store, key(), synthetic());
    assertTrue(format().probe(store, key()).isPresent(), "probe should accept a file in its format");
    store.write("not-a-trajectory.bin", new byte[] {'j', 'u', 'n', 'k', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    assertTrue(format().probe(store, "not-a-trajectory.bin").isEmpty(), "probe should reject junk");
    assertTrue(format().probe(store, "missing-key").isEmpty(), "probe should reject a missing key");
  }

  @Test
  void readsFromManyThreadsMatchSerialReads() throws Exception {
    Store store = newStore();
    SyntheticTrajectory syn = synthetic();
    try (TrajectoryReader r = writeAndOpen(store)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int frame = t % syn.frames();
          futures.add(
              pool.submit(
                  () -> {
                    FrameRange range = FrameRange.of(frame, Math.min(syn.frames(), frame + 6));
                    assertSameBlock(syn.block(range, AtomSelection.all(), syn.fields()),
                        r.read(range, AtomSelection.all(), syn.fields()), "thread read " + range);
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void goldenFilesReadAsExpected() throws IOException {
    List<GoldenFile> golden = goldenFiles();
    assumeTrue(!golden.isEmpty(), format().name() + " has no golden files");
    for (GoldenFile g : golden) {
      assertTrue(format().probe(g.store(), g.key()).isPresent(), g.name() + ": probe");
      try (TrajectoryReader r = format().open(g.store(), g.key(), ReadOptions.defaults())) {
        assertEquals(g.atoms(), r.info().atoms(), g.name() + ": atoms");
        assertEquals(g.frames(), r.info().frames(), g.name() + ": frames");
        for (Map.Entry<Integer, Map<Integer, float[]>> frame : g.positions().entrySet()) {
          FrameBlock b = r.read(FrameRange.single(frame.getKey()), AtomSelection.all(), EnumSet.of(Field.POSITION));
          for (Map.Entry<Integer, float[]> atom : frame.getValue().entrySet()) {
            float[] p = b.positions();
            for (int d = 0; d < 3; d++) {
              float want = atom.getValue()[d];
              assertEquals(want, p[atom.getKey() * 3 + d], Math.abs(want) * 1e-5f,
                  g.name() + ": frame " + frame.getKey() + " atom " + atom.getKey() + " dim " + d);
            }
          }
        }
      }
    }
  }
}
