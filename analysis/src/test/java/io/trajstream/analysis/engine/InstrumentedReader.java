package io.trajstream.analysis.engine;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A reader wrapper that records which threads read, how many reads overlap, and can slow down or fail. */
final class InstrumentedReader implements TrajectoryReader {
  final TrajectoryReader delegate;
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  final List<FrameRange> ranges = new CopyOnWriteArrayList<>();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger maxActive = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  volatile long delayMillis;
  /** Delays ignore interrupts, as a blocking socket read does. */
  volatile boolean uninterruptible;
  /** Thrown by reads that cover {@link #failAtFrame}, instead of an IOException naming the frames. */
  volatile IOException failure;
  /** Reads that started after this was set to true (none should). */
  final AtomicInteger startedAfterStop = new AtomicInteger();
  volatile boolean stopped;
  volatile int failAtFrame = -1;

  InstrumentedReader(TrajectoryReader delegate) {
    this.delegate = delegate;
  }

  @Override
  public TrajectoryInfo info() {
    return delegate.info();
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    threads.add(Thread.currentThread().getName());
    ranges.add(frames);
    started.incrementAndGet();
    if (stopped) {
      startedAfterStop.incrementAndGet();
    }
    int now = active.incrementAndGet();
    maxActive.accumulateAndGet(now, Math::max);
    try {
      if (delayMillis > 0 && uninterruptible) {
        long until = System.nanoTime() + delayMillis * 1_000_000;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
          java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
      } else if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (failAtFrame >= frames.start() && failAtFrame < frames.stop()) {
        throw failure != null ? failure : new IOException("injected failure reading frames " + frames);
      }
      return delegate.read(frames, atoms, fields);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      active.decrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
