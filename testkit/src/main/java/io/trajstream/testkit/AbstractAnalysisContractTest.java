package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link Analysis} must meet, run on a {@link SyntheticTrajectory}: the result of one
 * serial pass equals the result for random splits of the frames into blocks joined in frame order;
 * {@code combine} is associative (any bracketing gives the same result) and a fresh accumulator is
 * neutral; the analysis survives serialization; and a parallel engine (given by the subclass) gives
 * the serial result with 1 and with several threads. Results are compared exactly: as JSON for
 * {@link AnalysisResult}, else by their serialized bytes.
 */
public abstract class AbstractAnalysisContractTest {
  /** A fresh analysis under test. */
  protected abstract Analysis<?, ?> analysis();

  /**
   * Runs {@code analysis} over all frames of {@code reader} with the parallel engine under test,
   * selecting {@code atoms} with all-atom {@code masses} (may be null), on {@code threads} compute
   * threads with blocks of {@code chunksPerBlock} storage chunks.
   */
  protected abstract Object runParallel(TrajectoryReader reader, Analysis<?, ?> analysis, AtomSelection atoms,
      double[] masses, int threads, int chunksPerBlock) throws IOException;

  /** The trajectory the contract runs on (default: 48 atoms, 37 frames, seed 7). */
  protected SyntheticTrajectory trajectory() {
    return SyntheticTrajectory.builder().atoms(48).frames(37).seed(7).build();
  }

  /** Frames per storage chunk the reader reports (default 4). */
  protected int framesPerChunk() {
    return 4;
  }

  /** The atoms analysed (default: every third atom and the last ones). */
  protected AtomSelection atoms() {
    int n = trajectory().atoms();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 3 == 0 || i >= n - 5) {
        idx.add(i);
      }
    }
    return AtomSelection.of(idx.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Masses of all atoms (default: 1 to 16 u by a fixed pattern). */
  protected double[] masses() {
    double[] m = new double[trajectory().atoms()];
    for (int i = 0; i < m.length; i++) {
      m[i] = 1.0 + (i * 7) % 16;
    }
    return m;
  }

  /** Asserts two results are the same (exactly, by default). */
  protected void assertSameResult(Object expected, Object actual, String what) {
    if (expected instanceof AnalysisResult e && actual instanceof AnalysisResult a) {
      assertEquals(e.toJson(), a.toJson(), what);
    } else {
      assertArrayEquals(serialize(expected), serialize(actual), what);
    }
  }

  @Test
  void randomBlockSplitsGiveTheSerialResult() throws IOException {
    SyntheticTrajectory t = trajectory();
    try (TrajectoryReader reader = t.reader(framesPerChunk())) {
      Object serial = serial(analysis(), reader);
      SplittableRandom rnd = new SplittableRandom(20240611L);
      for (int trial = 0; trial < 8; trial++) {
        List<FrameRange> split = randomSplit(t.frames(), rnd);
        Object r = foldLeft(analysis(), reader, split);
        assertSameResult(serial, r, "split " + split);
      }
      List<FrameRange> single = new ArrayList<>();
      for (int f = 0; f < t.frames(); f++) {
        single.add(FrameRange.single(f));
      }
      assertSameResult(serial, foldLeft(analysis(), reader, single), "one frame per block");
    }
  }

  @Test
  void combineIsAssociative() throws IOException {
    SyntheticTrajectory t = trajectory();
    try (TrajectoryReader reader = t.reader(framesPerChunk())) {
      SplittableRandom rnd = new SplittableRandom(99L);
      for (int trial = 0; trial < 6; trial++) {
        List<FrameRange> split = randomSplit(t.frames(), rnd);
        Object left = foldLeft(analysis(), reader, split);
        Object right = foldRight(analysis(), reader, split);
        Object tree = foldTree(analysis(), reader, split, rnd.nextLong());
        assertSameResult(left, right, "((a b) c) vs (a (b c)) for " + split);
        assertSameResult(left, tree, "random bracketing for " + split);
      }
    }
  }

  @Test
  void freshAccumulatorIsNeutral() throws IOException {
    try (TrajectoryReader reader = trajectory().reader(framesPerChunk())) {
      Object expected = serial(analysis(), reader);
      assertSameResult(expected, neutral(analysis(), reader, true), "combine(acc, empty)");
      assertSameResult(expected, neutral(analysis(), reader, false), "combine(empty, acc)");
    }
  }

  @Test
  void analysisAndAccumulatorSurviveSerialization() throws IOException {
    try (TrajectoryReader reader = trajectory().reader(framesPerChunk())) {
      Object expected = serial(analysis(), reader);
      Analysis<?, ?> copy = (Analysis<?, ?>) deserialize(serialize(analysis()));
      assertSameResult(expected, serialViaSerializedAccumulators(copy, reader), "after serialization");
    }
  }

  @Test
  void parallelRunsGiveTheSerialResult() throws IOException {
    try (TrajectoryReader reader = trajectory().reader(framesPerChunk())) {
      Object serial = serial(analysis(), reader);
      for (int threads : new int[] {1, 2, 4}) {
        for (int chunks : new int[] {1, 3}) {
          Object r = runParallel(reader, analysis(), atoms(), masses(), threads, chunks);
          assertSameResult(serial, r, threads + " threads, " + chunks + " chunks per block");
        }
      }
    }
  }

  // ---- folding helpers (generic over the analysis's types) ----

  private Object serial(Analysis<?, ?> a, TrajectoryReader reader) throws IOException {
    return foldLeft(a, reader, List.of(FrameRange.of(0, reader.info().frames())));
  }

  private Object foldLeft(Analysis<?, ?> a, TrajectoryReader reader, List<FrameRange> split) throws IOException {
    return foldLeftTyped(a, reader, split);
  }

  private <A extends Serializable, R extends Serializable> R foldLeftTyped(
      Analysis<A, R> a, TrajectoryReader reader, List<FrameRange> split) throws IOException {
    Context ctx = context(reader, a);
    A total = a.newAccumulator(ctx);
    for (FrameRange r : split) {
      total = a.combine(total, accumulate(a, ctx, reader, r));
    }
    return a.finish(total, ctx);
  }

  private Object foldRight(Analysis<?, ?> a, TrajectoryReader reader, List<FrameRange> split) throws IOException {
    return foldRightTyped(a, reader, split);
  }

  private <A extends Serializable, R extends Serializable> R foldRightTyped(
      Analysis<A, R> a, TrajectoryReader reader, List<FrameRange> split) throws IOException {
    Context ctx = context(reader, a);
    A total = a.newAccumulator(ctx);
    for (int i = split.size() - 1; i >= 0; i--) {
      total = a.combine(accumulate(a, ctx, reader, split.get(i)), total);
    }
    return a.finish(total, ctx);
  }

  private Object foldTree(Analysis<?, ?> a, TrajectoryReader reader, List<FrameRange> split, long seed)
      throws IOException {
    return foldTreeTyped(a, reader, split, new SplittableRandom(seed));
  }

  private <A extends Serializable, R extends Serializable> R foldTreeTyped(
      Analysis<A, R> a, TrajectoryReader reader, List<FrameRange> split, SplittableRandom rnd) throws IOException {
    Context ctx = context(reader, a);
    List<A> accs = new ArrayList<>();
    for (FrameRange r : split) {
      accs.add(accumulate(a, ctx, reader, r));
    }
    return a.finish(tree(a, accs, 0, accs.size(), rnd), ctx);
  }

  private static <A extends Serializable> A tree(Analysis<A, ?> a, List<A> accs, int from, int to, SplittableRandom rnd) {
    if (to - from == 1) {
      return accs.get(from);
    }
    int mid = from + 1 + rnd.nextInt(to - from - 1);
    A left = tree(a, accs, from, mid, rnd);
    A right = tree(a, accs, mid, to, rnd);
    return a.combine(left, right);
  }

  private Object neutral(Analysis<?, ?> a, TrajectoryReader reader, boolean emptyLast) throws IOException {
    return neutralTyped(a, reader, emptyLast);
  }

  private <A extends Serializable, R extends Serializable> R neutralTyped(
      Analysis<A, R> a, TrajectoryReader reader, boolean emptyLast) throws IOException {
    Context ctx = context(reader, a);
    A acc = accumulate(a, ctx, reader, FrameRange.of(0, reader.info().frames()));
    A empty = a.newAccumulator(ctx);
    return a.finish(emptyLast ? a.combine(acc, empty) : a.combine(empty, acc), ctx);
  }

  @SuppressWarnings("unchecked")
  private <A extends Serializable, R extends Serializable> R serialViaSerializedAccumulators(
      Analysis<A, R> a, TrajectoryReader reader) throws IOException {
    Context ctx = context(reader, a);
    int n = reader.info().frames();
    A first = (A) deserialize(serialize(accumulate(a, ctx, reader, FrameRange.of(0, n / 2))));
    A second = (A) deserialize(serialize(accumulate(a, ctx, reader, FrameRange.of(n / 2, n))));
    A total = a.combine(a.combine(a.newAccumulator(ctx), first), second);
    return (R) deserialize(serialize(a.finish(total, ctx)));
  }

  private <A extends Serializable> A accumulate(Analysis<A, ?> a, Context ctx, TrajectoryReader reader, FrameRange r)
      throws IOException {
    FrameBlock block = reader.read(r, atoms(), ctx.fields);
    return a.accumulate(a.newAccumulator(ctx), block, ctx);
  }

  private Context context(TrajectoryReader reader, Analysis<?, ?> a) {
    Set<Field> fields = a.fields().isEmpty() ? EnumSet.of(Field.POSITION) : EnumSet.copyOf(a.fields());
    return new Context(reader, atoms(), masses(), fields);
  }

  /** Splits {@code frames} frames into 1 to 8 random consecutive blocks. */
  private static List<FrameRange> randomSplit(int frames, SplittableRandom rnd) {
    int blocks = 1 + rnd.nextInt(Math.min(8, Math.max(1, frames)));
    java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
    while (cuts.size() < blocks - 1) {
      cuts.add(1 + rnd.nextInt(frames - 1));
    }
    List<FrameRange> out = new ArrayList<>();
    int start = 0;
    for (int c : cuts) {
      out.add(FrameRange.of(start, c));
      start = c;
    }
    out.add(FrameRange.of(start, frames));
    assertTrue(out.stream().mapToInt(FrameRange::size).sum() == frames);
    return out;
  }

  private static byte[] serialize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + o.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] b) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot deserialize", e);
    }
  }

  /** A plain serial context: native units, the given atoms and masses, single frames read on demand. */
  private static final class Context implements AnalysisContext {
    private final TrajectoryReader reader;
    private final AtomSelection selection;
    private final int[] atoms;
    private final double[] masses;
    private final Set<Field> fields;

    Context(TrajectoryReader reader, AtomSelection selection, double[] allMasses, Set<Field> fields) {
      this.reader = reader;
      this.selection = selection;
      this.atoms = selection.resolve(reader.info().atoms());
      this.fields = fields;
      if (allMasses == null) {
        this.masses = null;
      } else {
        this.masses = new double[atoms.length];
        for (int i = 0; i < atoms.length; i++) {
          masses[i] = allMasses[atoms[i]];
        }
      }
    }

    @Override
    public TrajectoryInfo info() {
      return reader.info();
    }

    @Override
    public int[] atoms() {
      return atoms.clone();
    }

    @Override
    public Optional<double[]> masses() {
      return Optional.ofNullable(masses == null ? null : masses.clone());
    }

    @Override
    public String lengthUnit() {
      String u = reader.info().unit(Field.POSITION);
      return u == null ? "" : u;
    }

    @Override
    public String timeUnit() {
      return reader.info().timeUnit() == null ? "" : reader.info().timeUnit();
    }

    @Override
    public FrameBlock frame(int frame) throws IOException {
      return reader.read(FrameRange.single(frame), selection, fields);
    }
  }
}
