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
    int now = active.incrementAndGet();
    maxActive.accumulateAndGet(now, Math::max);
    try {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (failAtFrame >= frames.start() && failAtFrame < frames.stop()) {
        throw new IOException("injected failure reading frames " + frames);
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
