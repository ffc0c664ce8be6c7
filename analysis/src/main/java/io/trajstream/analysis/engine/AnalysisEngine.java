package io.trajstream.analysis.engine;

import io.trajstream.analysis.Analysis;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.IoExecutors;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link Analysis} over a trajectory in parallel. The frames are cut into blocks aligned to
 * the storage chunks ({@link BlockPlanner}); a bounded I/O pool reads blocks ahead while a bounded
 * compute pool accumulates them, each block into an accumulator of its own; accumulators are
 * combined strictly in frame order, so the result does not depend on the thread count. At most
 * {@link RunOptions#inFlight()} blocks are read, computed or waiting to be combined at once, which
 * bounds memory whatever the trajectory's size. Never uses the common ForkJoinPool.
 */
public final class AnalysisEngine {
  private AnalysisEngine() {}

  /** Runs {@code analysis} on {@code reader} with {@code options} and returns its result. */
  public static <A extends Serializable, R extends Serializable> R run(
      TrajectoryReader reader, Analysis<A, R> analysis, RunOptions options) throws IOException {
    return new Run<>(reader, analysis, options).execute();
  }

  /**
   * The blocks a run of {@code options} over {@code reader} would read: {@link
   * RunOptions#chunksPerBlock()} chunks each when given; otherwise as many whole chunks as keep a
   * block's stored frames (all atoms, as chunks hold them) near {@link RunOptions#blockBytes()}, and
   * small enough that every compute thread gets several blocks.
   */
  public static List<FrameRange> plan(TrajectoryReader reader, Set<Field> fields, RunOptions options) {
    TrajectoryInfo info = reader.info();
    FrameRange range = options.frames(info.frames());
    int chunk = framesPerChunk(info, fields);
    int chunksPerBlock = options.chunksPerBlock();
    int maxFrames = Integer.MAX_VALUE;
    if (chunksPerBlock == 0) {
      long frameBytes = Math.max(1, bytesPerFrame(fields, info.atoms()));
      long bySize = Math.max(1, options.blockBytes() / frameBytes);
      long span = Math.max(1, (long) range.stop() - range.start());
      long byThreads = Math.max(1, span / (4L * options.threads()));
      maxFrames = (int) Math.min(Integer.MAX_VALUE, Math.min(bySize, byThreads));
      chunksPerBlock = (int) Math.max(1, maxFrames / Math.max(1, (long) chunk));
      // chunks larger than a block are cut by size only
      maxFrames = (int) Math.min(Integer.MAX_VALUE, bySize);
    }
    return BlockPlanner.plan(range, chunk, chunksPerBlock, maxFrames);
  }

  /** The storage chunk length that blocks align to: the largest among the fields read. */
  static int framesPerChunk(TrajectoryInfo info, Set<Field> fields) {
    int c = 0;
    for (Field f : fields) {
      if (info.chunkLayout().containsKey(f)) {
        c = Math.max(c, info.framesPerChunk(f));
      }
    }
    return c > 0 ? c : info.framesPerChunk(Field.POSITION);
  }

  static long bytesPerFrame(Set<Field> fields, int atoms) {
    long b = 0;
    for (Field f : fields) {
      b += 4L * f.valuesPerFrame(atoms);
    }
    return b;
  }

  private static long bytesOf(FrameBlock b) {
    long n = 0;
    for (Field f : b.fields()) {
      n += 4L * b.values(f).length;
    }
    return n;
  }

  /** One execution: the plan, the pools, the in-order fold. */
  private static final class Run<A extends Serializable, R extends Serializable> {
    private final TrajectoryReader reader;
    private final Analysis<A, R> analysis;
    private final RunOptions options;
    private final EngineContext ctx;
    private final Set<Field> fields;
    private final List<FrameRange> blocks;
    private final Semaphore window;
    private final Map<Integer, A> pending = new HashMap<>();
    private final long framesTotal;
    private final long startNanos = System.nanoTime();
    private A total;
    private int nextToFold;
    private long framesDone;
    private long decodedBytes;
    private volatile Throwable failure;

    Run(TrajectoryReader reader, Analysis<A, R> analysis, RunOptions options) {
      this.reader = reader;
      this.analysis = analysis;
      this.options = options;
      this.fields = analysis.fields().isEmpty() ? EnumSet.of(Field.POSITION) : EnumSet.copyOf(analysis.fields());
      this.ctx = new EngineContext(reader, options.atoms(), options.masses(), options.units(), fields);
      this.blocks = plan(reader, fields, options);
      this.window = new Semaphore(options.inFlight());
      this.framesTotal = blocks.stream().mapToLong(FrameRange::size).sum();
    }

    R execute() throws IOException {
      total = analysis.newAccumulator(ctx);
      if (blocks.isEmpty()) {
        report();
        return analysis.finish(total, ctx);
      }
      ExecutorService io = IoExecutors.newBoundedPool("trajstream-analysis-io", options.ioThreads());
      ExecutorService compute = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), IoExecutors.daemonThreads("trajstream-analysis"));
      try {
        for (int i = 0; i < blocks.size(); i++) {
          acquireSlot();
          if (failure != null) {
            break;
          }
          submit(i, io, compute);
        }
        awaitAll();
      } finally {
        io.shutdownNow();
        compute.shutdownNow();
      }
      report();
      return analysis.finish(total, ctx);
    }

    private void submit(int index, ExecutorService io, ExecutorService compute) {
      FrameRange range = blocks.get(index);
      CompletableFuture
          .supplyAsync(() -> read(range), io)
          .thenApplyAsync(block -> accumulate(block), compute)
          .whenComplete((acc, error) -> {
            if (error != null) {
              fail(error);
            } else {
              fold(index, acc);
            }
          });
    }

    private FrameBlock read(FrameRange range) {
      checkCancelled();
      try {
        FrameBlock b = reader.read(range, ctx.selection(), fields);
        synchronized (this) {
          decodedBytes += bytesOf(b);
        }
        return b;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private A accumulate(FrameBlock block) {
      checkCancelled();
      FrameBlock converted = ctx.convert(block);
      return analysis.accumulate(analysis.newAccumulator(ctx), converted, ctx);
    }

    private void checkCancelled() {
      if (options.cancellation().isCancelled() || failure != null) {
        throw new CancellationException("analysis " + analysis.name() + " cancelled");
      }
    }

    private synchronized void fold(int index, A acc) {
      if (failure != null) {
        return;
      }
      pending.put(index, acc);
      try {
        while (pending.containsKey(nextToFold)) {
          total = analysis.combine(total, pending.remove(nextToFold));
          framesDone += blocks.get(nextToFold).size();
          nextToFold++;
          window.release();
          report();
        }
      } catch (RuntimeException e) {
        fail(e);
      }
      notifyAll();
    }

    private synchronized void fail(Throwable error) {
      Throwable cause = error;
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (failure == null) {
        failure = cause;
      }
      window.release(options.inFlight());
      notifyAll();
    }

    private void acquireSlot() throws IOException {
      try {
        while (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
          if (options.cancellation().isCancelled()) {
            fail(new CancellationException("analysis " + analysis.name() + " cancelled"));
            return;
          }
          if (failure != null) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        options.cancellation().cancel();
        fail(new CancellationException("analysis " + analysis.name() + " interrupted"));
      }
    }

    private void awaitAll() throws IOException {
      synchronized (this) {
        while (failure == null && nextToFold < blocks.size()) {
          if (options.cancellation().isCancelled()) {
            fail(new CancellationException("analysis " + analysis.name() + " cancelled after "
                + framesDone + " of " + framesTotal + " frames"));
            break;
          }
          try {
            wait(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            options.cancellation().cancel();
            fail(new CancellationException("analysis " + analysis.name() + " interrupted"));
          }
        }
      }
      rethrow();
    }

    private void rethrow() throws IOException {
      Throwable f = failure;
      if (f == null) {
        return;
      }
      if (options.cancellation().isCancelled() || f instanceof CancellationException) {
        CancellationException c = new CancellationException("analysis " + analysis.name() + " cancelled after "
            + framesDone + " of " + framesTotal + " frames");
        if (!(f instanceof CancellationException)) {
          c.initCause(f);
        }
        throw c;
      }
      if (f instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (f instanceof IOException e) {
        throw e;
      }
      if (f instanceof ExecutionException && f.getCause() != null) {
        f = f.getCause();
      }
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(f);
    }

    private synchronized void report() {
      long bytes = options.bytesRead() != null ? options.bytesRead().getAsLong() : decodedBytes;
      options.progress().onProgress(new Progress(framesDone, framesTotal, nextToFold, blocks.size(), bytes,
          System.nanoTime() - startNanos));
    }
  }
}
