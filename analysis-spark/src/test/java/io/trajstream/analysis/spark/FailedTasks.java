package io.trajstream.analysis.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the task attempts of the test session that failed (Spark reports them asynchronously),
 * and runs an action when the next job starts (after the driver has planned it, so that faults
 * armed then meet the tasks, not the driver).
 */
final class FailedTasks extends SparkListener {
  private final AtomicInteger failed = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<Runnable> atJobStart;

  private FailedTasks(Runnable atJobStart) {
    this.atJobStart = new java.util.concurrent.atomic.AtomicReference<>(atJobStart);
  }

  static FailedTasks register(Runnable atJobStart) {
    FailedTasks f = new FailedTasks(atJobStart);
    TestSpark.session().sparkContext().addSparkListener(f);
    return f;
  }

  @Override
  public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
    Runnable r = atJobStart.getAndSet(null);
    if (r != null) {
      r.run();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskInfo().failed()) {
      failed.incrementAndGet();
    }
  }

  /** The failures counted once at least {@code expected} have arrived, or after 10 s. */
  int awaitAtLeast(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (failed.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return failed.get();
  }

  void remove() {
    TestSpark.session().sparkContext().removeSparkListener(this);
  }
}
