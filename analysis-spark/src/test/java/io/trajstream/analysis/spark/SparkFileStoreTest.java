package io.trajstream.analysis.spark;

import static io.trajstream.analysis.spark.Agreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in analysis on Spark ({@code local[2,4]}) over zarrmd trajectories on local disk gives
 * the in-process engine's result; two trajectories run as one job give each its own result; a
 * trajectory that disappears after planning fails the job with one line naming it.
 */
class SparkFileStoreTest {
  @TempDir static Path dir;
  private static String first;
  private static String second;

  @BeforeAll
  static void write() throws IOException {
    Trajectories.writeZarrmd(dir, "a.zarrmd", 7);
    Trajectories.writeZarrmd(dir, "b.zarrmd", 8);
    first = dir.resolve("a.zarrmd").toString();
    second = dir.resolve("b.zarrmd").toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rmsd", "rmsf", "rg", "com", "msd", "rdf"})
  void eachAnalysisEqualsTheEngine(String name) throws IOException {
    Analysis<?, ?> a = Trajectories.analysis(name);
    RunOptions options = RunOptions.builder().build();
    AnalysisResult expected = Trajectories.engine(first, StoreConfig.empty(), a, options);
    AnalysisResult actual = Trajectories.spark(List.of(first), StoreConfig.empty(), a, options).get(first);
    assertAgree(expected, actual, name + " on Spark");
  }

  /** Frames, atoms and units of the run reach the executors. */
  @Test
  void aSubsetOfFramesAndAtomsInMdUnits() throws IOException {
    Analysis<?, ?> a = Trajectories.analysis("rmsd");
    RunOptions options = RunOptions.builder().start(5).stop(200).step(3).atoms(AtomSelection.of(range(20, 120)))
        .units(UnitMode.MD).build();
    AnalysisResult expected = Trajectories.engine(first, StoreConfig.empty(), a, options);
    AnalysisResult actual = Trajectories.spark(List.of(first), StoreConfig.empty(), a, options).get(first);
    assertEquals(65, actual.size());
    assertAgree(expected, actual, "rmsd of frames 5:200:3, atoms 20:119, md units");
  }

  @Test
  void twoTrajectoriesAsOneJobGiveEachItsResult() throws IOException {
    for (String name : List.of("rmsf", "rg")) {
      Analysis<?, ?> a = Trajectories.analysis(name);
      RunOptions options = RunOptions.builder().build();
      Map<String, AnalysisResult> both = Trajectories.spark(List.of(first, second), StoreConfig.empty(), a, options);
      assertEquals(List.of(first, second), List.copyOf(both.keySet()));
      assertAgree(Trajectories.engine(first, StoreConfig.empty(), a, options), both.get(first), name + " of " + first);
      assertAgree(Trajectories.engine(second, StoreConfig.empty(), a, options), both.get(second), name + " of " + second);
      assertTrue(!both.get(first).toJson().equals(both.get(second).toJson()), "two different trajectories");
    }
  }

  /**
   * What the tasks send back is their accumulators and Spark's own task metrics, not frames: the
   * bytes Spark counts as task results stay within the accumulators' serialized size plus a fixed
   * amount per task, far below the frame data the tasks read, and nothing is shuffled.
   */
  @Test
  void theDriverReceivesAccumulatorsNotFrames() throws Exception {
    TaskBytes seen = new TaskBytes();
    SparkContext context = TestSpark.session().sparkContext();
    context.addSparkListener(seen);
    try {
      @SuppressWarnings("unchecked")
      SparkRun<AnalysisResult> run = SparkAnalysisRunner.run(TestSpark.session(), List.of(first), StoreConfig.empty(),
          (Analysis<?, AnalysisResult>) Trajectories.analysis("rg"), RunOptions.builder().build());
      int tasks = run.stats().tasks();
      seen.await(tasks);
      long frameBytes = (long) Trajectories.FRAMES * Trajectories.ATOMS * 3 * Float.BYTES;
      String figures = tasks + " tasks, accumulators " + run.stats().resultBytes() + " B, task results "
          + seen.resultBytes() + " B, shuffled " + seen.shuffleBytes() + " B, frame data " + frameBytes + " B";
      System.out.println(figures);
      assertTrue(tasks > 1, figures);
      assertEquals(0, seen.shuffleBytes(), figures);
      assertTrue(seen.resultBytes() <= run.stats().resultBytes() + tasks * TaskBytes.PER_TASK_OVERHEAD, figures);
      assertTrue(seen.resultBytes() < frameBytes / 4, figures);
    } finally {
      context.removeSparkListener(seen);
    }
  }

  /** Sums what Spark's task metrics say the finished tasks sent to the driver and shuffled. */
  private static final class TaskBytes extends SparkListener {
    /** Bytes Spark adds to a task's result (its metrics and accumulator updates), whatever it computed. */
    static final long PER_TASK_OVERHEAD = 8192;
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong shuffled = new AtomicLong();
    private final AtomicInteger ended = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        results.addAndGet(end.taskMetrics().resultSize());
        shuffled.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
      }
      ended.incrementAndGet();
    }

    /** Waits until {@code tasks} task ends have been delivered (listener events arrive asynchronously). */
    void await(int tasks) throws InterruptedException {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (ended.get() < tasks && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(tasks, ended.get(), "task ends seen by the listener");
    }

    long resultBytes() {
      return results.get();
    }

    long shuffleBytes() {
      return shuffled.get();
    }
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

}
