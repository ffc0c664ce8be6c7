package io.trajstream.analysis.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Counts the task attempts of the test session that failed (Spark reports them asynchronously). */
final class FailedTasks extends SparkListener {
  private final AtomicInteger failed = new AtomicInteger();

  static FailedTasks register() {
    FailedTasks f = new FailedTasks();
    TestSpark.session().sparkContext().addSparkListener(f);
    return f;
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
