package io.trajstream.analysis.engine;

import io.trajstream.analysis.Analysis;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.StoreException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an {@link Analysis} over a trajectory in parallel. {@link BlockPlanner} plans reads of whole
 * storage chunks and the blocks cut from them ({@link BlockPlan}); a bounded I/O pool makes the reads
 * ahead of the compute, each chunk fetched and decoded once, while a bounded compute pool accumulates
 * the blocks, each into an accumulator of its own; accumulators are combined strictly in frame order,
 * so the result does not depend on the thread count or the plan.
 *
 * <p>Memory: the reads held at once (being read, or holding blocks not yet folded) are at most {@link
 * RunOptions#inFlight()} and decode at most {@link RunOptions#memoryBytes()}, whatever the
 * trajectory's size. A read the current block needs is made even beyond that when no held read can be
 * released first, so a chunk larger than the budget is read once, alone: the chunk is the floor. A
 * frame an analysis asks for early (an RMSD reference) may hold one read more.
 *
 * <p>Threads: never the common ForkJoinPool; no pool thread waits for work queued on its own pool
 * (compute threads wait only for reads on the I/O pool, I/O threads for nothing of the engine). When
 * {@code run} returns or throws, every task it started has finished: nothing of it still reads the
 * store or touches a buffer. Reads in progress are not interrupted (an interrupt would close a file
 * channel the reader shares), so a failing or cancelled run returns once they end.
 */
public final class AnalysisEngine {
  private AnalysisEngine() {}

  /** Runs {@code analysis} on {@code reader} with {@code options} and returns its result. */
  public static <A extends Serializable, R extends Serializable> R run(
      TrajectoryReader reader, Analysis<A, R> analysis, RunOptions options) throws IOException {
    return new Run<>(reader, analysis, options).execute();
  }

  /** The reads and blocks a run of {@code options} over {@code reader} reading {@code fields} would make. */
  public static BlockPlan plan(TrajectoryReader reader, Set<Field> fields, RunOptions options) {
    return BlockPlanner.plan(reader, fields, options);
  }

  /** The fields a run of {@code analysis} reads: its own, or positions when it names none. */
  public static Set<Field> fields(Analysis<?, ?> analysis) {
    return analysis.fields().isEmpty() ? EnumSet.of(Field.POSITION) : EnumSet.copyOf(analysis.fields());
  }

  /**
   * The context a run of {@code analysis} with {@code options} over {@code reader} gives the
   * analysis (atoms, masses, units), for runners that accumulate or finish outside the engine.
   */
  public static EngineContext context(TrajectoryReader reader, Analysis<?, ?> analysis, RunOptions options) {
    return new EngineContext(reader, options.atoms(), options.masses(), options.units(), fields(analysis));
  }

  /**
   * Accumulates consecutive blocks of {@code blockSizes} frames cut from {@code data} (frames read
   * with all the analysis' fields, e.g. one {@link BlockPlan.Split}) as the engine does, each block
   * converted to the run's units and accumulated into an accumulator of its own, and combines them
   * in frame order. For runners that hand splits to other machines: the engine's result is then the
   * in-order {@link Analysis#combine} of the splits' accumulators, followed by {@link Analysis#finish}.
   */
  public static <A extends Serializable> A accumulate(Analysis<A, ?> analysis, EngineContext ctx, FrameBlock data,
      int[] blockSizes) {
    int total = 0;
    for (int n : blockSizes) {
      total += n;
    }
    if (total != data.frameCount() || blockSizes.length == 0) {
      throw new IllegalArgumentException("blocks of " + java.util.Arrays.toString(blockSizes) + " frames do not cut "
          + data.frameCount() + " frames");
    }
    A acc = null;
    int offset = 0;
    for (int n : blockSizes) {
      FrameBlock block = FrameSlices.cut(List.of(data), new int[] {offset}, n);
      A one = analysis.accumulate(analysis.newAccumulator(ctx), ctx.convert(block), ctx);
      acc = acc == null ? one : analysis.combine(acc, one);
      offset += n;
    }
    return acc;
  }

  private static long bytesOf(FrameBlock b) {
    long n = 0;
    for (Field f : b.fields()) {
      n += 4L * b.values(f).length;
    }
    return n;
  }

  /** One execution: the plan, the pools, the reads held, the in-order fold. */
  private static final class Run<A extends Serializable, R extends Serializable> implements EngineContext.FrameSource {
    private final TrajectoryReader reader;
    private final TrajectoryInfo info;
    private final Analysis<A, R> analysis;
    private final RunOptions options;
    private final EngineContext ctx;
    private final BlockPlan plan;
    private final List<BlockPlan.Block> blocks;
    /** Reads issued and not yet released, by {@link #key}; guarded by this. */
    private final Map<Long, Held> held = new HashMap<>();
    private final long budget;
    /** Bytes of the reads held; guarded by this. */
    private long heldBytes;
    private final Map<Integer, A> pending = new HashMap<>();
    private final long framesTotal;
    private final long startNanos = System.nanoTime();
    private ExecutorService io;
    private ExecutorService compute;
    private A total;
    private int nextToFold;
    private long framesDone;
    private long decodedBytes;
    private volatile Throwable failure;

    /** A read issued: its data, the last block that needs it, the bytes it decodes. */
    private record Held(CompletableFuture<FrameBlock> data, int lastBlock, long bytes) {}

    Run(TrajectoryReader reader, Analysis<A, R> analysis, RunOptions options) {
      this.reader = reader;
      this.info = reader.info();
      this.analysis = analysis;
      this.options = options;
      Set<Field> fields = fields(analysis);
      this.ctx = new EngineContext(reader, options.atoms(), options.masses(), options.units(), fields);
      this.plan = BlockPlanner.plan(reader, fields, options);
      this.blocks = plan.blocks();
      this.framesTotal = plan.frames().size();
      this.budget = options.memoryBytes() > 0 ? options.memoryBytes()
          : Math.max(Math.min((long) options.inFlight() * options.blockBytes(), Runtime.getRuntime().maxMemory() / 4),
              2 * plan.largestRead());
    }

    R execute() throws IOException {
      if (blocks.isEmpty()) {
        total = analysis.newAccumulator(ctx);
        report();
        return analysis.finish(total, ctx);
      }
      io = IoExecutors.newBoundedPool("trajstream-analysis-io", options.ioThreads());
      compute = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), IoExecutors.daemonThreads("trajstream-analysis"));
      // from here on, a frame the analysis asks for (even in newAccumulator) comes from the run's reads
      ctx.frameSource(this);
      try {
        total = analysis.newAccumulator(ctx);
        for (int i = 0; i < blocks.size(); i++) {
          List<CompletableFuture<FrameBlock>> parts = acquire(i);
          if (parts == null) {
            break;
          }
          submit(i, parts);
        }
        awaitAll();
      } finally {
        ctx.frameSource(null);
        stopPools();
        synchronized (this) {
          held.clear();
          pending.clear();
        }
      }
      report();
      return analysis.finish(total, ctx);
    }

    private static long key(int group, int read) {
      return ((long) group << 32) | read;
    }

    private boolean stopped() {
      return failure != null || options.cancellation().isCancelled();
    }

    /**
     * The reads block {@code index} needs, issuing those not yet issued once they fit the bounds
     * (fewer than {@link RunOptions#inFlight()} reads held, their bytes within the budget), or once
     * none held could be released before this block (a block needs its reads whatever the bounds);
     * null when the run is failing or cancelled.
     */
    private synchronized List<CompletableFuture<FrameBlock>> acquire(int index) {
      BlockPlan.Block b = blocks.get(index);
      List<CompletableFuture<FrameBlock>> parts = new ArrayList<>(plan.groups().size());
      for (int g = 0; g < plan.groups().size(); g++) {
        Held h = held.get(key(g, b.read(g)));
        if (h == null) {
          long bytes = plan.reads(g).get(b.read(g)).bytes();
          while ((held.size() >= options.inFlight() || heldBytes + bytes > budget) && releasable(index) && !stopped()) {
            try {
              wait(50);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              options.cancellation().cancel();
              fail(new CancellationException("analysis " + analysis.name() + " interrupted"));
            }
          }
          if (stopped()) {
            if (options.cancellation().isCancelled()) {
              fail(new CancellationException("analysis " + analysis.name() + " cancelled"));
            }
            return null;
          }
          h = issue(g, b.read(g));
        }
        parts.add(h.data());
      }
      return parts;
    }

    /** Whether a read held now is needed by no block from {@code index} on (it will be released). */
    private boolean releasable(int index) {
      for (Held h : held.values()) {
        if (h.lastBlock() < index) {
          return true;
        }
      }
      return false;
    }

    /** Starts read {@code r} of group {@code g} on the I/O pool; the caller holds the lock. */
    private Held issue(int g, int r) {
      BlockPlan.Read read = plan.reads(g).get(r);
      Set<Field> fields = plan.groups().get(g);
      CompletableFuture<FrameBlock> data;
      try {
        data = CompletableFuture.supplyAsync(() -> read(read.frames(), fields), io);
      } catch (RejectedExecutionException e) {
        data = CompletableFuture.failedFuture(new CancellationException("analysis " + analysis.name() + " is stopping"));
      }
      Held h = new Held(data, read.lastBlock(), read.bytes());
      held.put(key(g, r), h);
      heldBytes += h.bytes();
      return h;
    }

    private void submit(int index, List<CompletableFuture<FrameBlock>> parts) {
      CompletableFuture
          .allOf(parts.toArray(CompletableFuture[]::new))
          .thenApplyAsync(v -> accumulate(index, parts), compute)
          .whenComplete((acc, error) -> {
            if (error != null) {
              fail(error);
            } else {
              fold(index, acc);
            }
          });
    }

    private FrameBlock read(FrameRange frames, Set<Field> fields) {
      checkCancelled();
      try {
        FrameBlock b = reader.read(frames, ctx.selection(), fields);
        synchronized (this) {
          decodedBytes += bytesOf(b);
        }
        return b;
      } catch (IOException e) {
        throw new UncheckedIOException(located(e, frames, fields));
      }
    }

    /** {@code e}, or when its message does not name the trajectory, an exception that does. */
    private IOException located(IOException e, FrameRange frames, Set<Field> fields) {
      String where = info.location();
      String msg = e.getMessage();
      if (where != null && msg != null && msg.contains(where)) {
        return e;
      }
      String what = "reading frames " + frames + " ("
          + fields.stream().map(Field::key).collect(Collectors.joining(", ")) + ") for analysis " + analysis.name()
          + " failed: " + (msg == null ? e.getClass().getName() : msg);
      return new StoreException(where != null ? where : info.format() + " trajectory", what, e);
    }

    private A accumulate(int index, List<CompletableFuture<FrameBlock>> parts) {
      checkCancelled();
      BlockPlan.Block b = blocks.get(index);
      List<FrameBlock> data = new ArrayList<>(parts.size());
      int[] offsets = new int[parts.size()];
      for (int g = 0; g < parts.size(); g++) {
        data.add(parts.get(g).join());
        offsets[g] = b.from() - plan.reads(g).get(b.read(g)).from();
      }
      FrameBlock block = FrameSlices.cut(data, offsets, b.size());
      return analysis.accumulate(analysis.newAccumulator(ctx), ctx.convert(block), ctx);
    }

    /**
     * A frame the run analyses, taken from the read that holds it (issued now if it is not yet,
     * without waiting for a slot); null when the run does not read it (any more).
     */
    @Override
    public FrameBlock frame(int frame) throws IOException {
      int p = plan.positionOf(frame);
      if (p < 0) {
        return null;
      }
      BlockPlan.Block b = blocks.get(plan.blockAt(p));
      List<CompletableFuture<FrameBlock>> parts = new ArrayList<>();
      int[] offsets = new int[plan.groups().size()];
      synchronized (this) {
        if (stopped() || plan.blockAt(p) < nextToFold) {
          return null;
        }
        for (int g = 0; g < plan.groups().size(); g++) {
          Held h = held.get(key(g, b.read(g)));
          parts.add(h != null ? h.data() : issue(g, b.read(g)).data());
          offsets[g] = p - plan.reads(g).get(b.read(g)).from();
        }
      }
      List<FrameBlock> data = new ArrayList<>();
      for (CompletableFuture<FrameBlock> f : parts) {
        try {
          data.add(f.join());
        } catch (CompletionException e) {
          Throwable c = e.getCause();
          if (c instanceof UncheckedIOException u) {
            throw u.getCause();
          }
          if (c instanceof RuntimeException r) {
            throw r;
          }
          throw e;
        }
      }
      return FrameSlices.cut(data, offsets, 1);
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
          BlockPlan.Block b = blocks.get(nextToFold);
          framesDone += b.size();
          for (int g = 0; g < plan.groups().size(); g++) {
            if (plan.reads(g).get(b.read(g)).lastBlock() == nextToFold) {
              Held h = held.remove(key(g, b.read(g)));
              if (h != null) {
                heldBytes -= h.bytes();
              }
            }
          }
          nextToFold++;
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
      notifyAll();
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

    /**
     * Lets no new task start and waits until every task has ended: reads first (a read completing
     * hands its blocks to the compute pool, which must still take them), then the compute. Tasks
     * still queued see the run stopped and end at once; reads in progress finish.
     */
    private void stopPools() {
      boolean interrupted = false;
      for (ExecutorService pool : new ExecutorService[] {io, compute}) {
        pool.shutdown();
        while (true) {
          try {
            if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
              break;
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
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
