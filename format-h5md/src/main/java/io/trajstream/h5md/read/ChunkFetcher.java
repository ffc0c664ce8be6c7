package io.trajstream.h5md.read;

import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches and decodes the chunks of one read. The stored chunks are fetched with vectored reads
 * that are all issued at once (adjacent chunks coalesce into one request, the rest are in flight
 * together); a read of more than 4 MiB stored is cut into fetch groups of growing size, so that
 * decoding starts when the first group has arrived. Groups are formed in file order, not task
 * order: a file written frame by frame interleaves the chunks of its fields, and a read of several
 * fields is then one run of bytes. Chunks are decoded in that order too, by the calling thread and,
 * for large reads, by helper threads of {@link DecodeWorkers} in parallel.
 */
public final class ChunkFetcher {
  /** Bytes of the first fetch group of a large read; later groups double up to the coalescing cap. */
  static final int FIRST_GROUP_BYTES = 1 << 20;
  /** Stored bytes up to which a read is one fetch group (one vectored read, as many requests as coalescing makes). */
  static final long SPLIT_MIN_BYTES = 4L << 20;

  private final StoreInput input;
  private final ChunkDecoder decoder;
  private final VectoredReadOptions options;
  private final DecodeWorkers workers;

  public ChunkFetcher(StoreInput input, ChunkDecoder decoder, VectoredReadOptions options, DecodeWorkers workers) {
    this.input = input;
    this.decoder = decoder;
    this.options = options;
    this.workers = workers;
  }

  public void run(List<ChunkTask> tasks) throws IOException {
    new Run(tasks).execute();
  }

  /** Task indices: chunks never written and inline chunks first (in task order), then stored ones by offset. */
  public static int[] fileOrder(List<ChunkTask> tasks) {
    long[] keys = new long[tasks.size()];
    boolean sorted = true;
    for (int i = 0; i < keys.length; i++) {
      ChunkRef r = tasks.get(i).ref();
      keys[i] = r == null || r.isInline() ? -1 : r.offset();
      sorted &= i == 0 || keys[i] >= keys[i - 1];
    }
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (!sorted) {
      java.util.Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b])); // stable
    }
    int[] out = new int[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** One call of {@link #run}: the fetch groups, the next task to decode and the first failure. */
  private final class Run {
    private final List<ChunkTask> tasks;
    /** Task indices in fetch and decode order: chunks without stored bytes first, then by file offset. */
    private final int[] order;
    private final int[] group;
    private final int[] member;
    private final List<CompletableFuture<List<ByteBuffer>>> fetches = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long decodedBytes;
    private int withData;

    Run(List<ChunkTask> tasks) {
      this.tasks = tasks;
      this.order = fileOrder(tasks);
      this.group = new int[tasks.size()];
      this.member = new int[tasks.size()];
    }

    void execute() throws IOException {
      fetchAll();
      int helpersWanted = decodedBytes >= workers.parallelMinBytes() ? Math.min(workers.threads() - 1, withData - 1) : 0;
      List<Helper> helpers = new ArrayList<>();
      if (helpersWanted > 0) {
        ExecutorService pool = workers.helpers();
        for (int h = 0; h < helpersWanted; h++) {
          Helper helper = new Helper();
          helpers.add(helper);
          try {
            pool.execute(helper);
          } catch (RejectedExecutionException e) {
            helper.skip(); // the reader is closing: decode here
          }
        }
      }
      work();
      for (Helper h : helpers) {
        h.awaitOrSkip();
      }
      Throwable t = failure.get();
      if (t != null) {
        settleFetches();
        rethrow(t);
      }
    }

    /**
     * After a failure: drops the ranges of the other fetch groups that no thread has started and
     * waits for the started ones, so no read of this call touches the input once it has thrown.
     */
    private void settleFetches() {
      for (CompletableFuture<List<ByteBuffer>> f : fetches) {
        f.cancel(true);
      }
      for (CompletableFuture<List<ByteBuffer>> f : fetches) {
        StoreInput.StoreInputs.settle(f);
      }
    }

    /** Issues every vectored read now: groups of consecutive stored chunks of growing size. */
    private void fetchAll() throws IOException {
      long length = input.length();
      for (ChunkTask t : tasks) {
        if (t.ref() != null && !t.ref().isInline()) {
          decoder.checkWithin(t.dataset(), t.ref(), length);
        }
      }
      long stored = 0;
      for (ChunkTask t : tasks) {
        if (t.ref() != null && !t.ref().isInline()) {
          stored += t.ref().size();
        }
      }
      List<ByteRange> ranges = new ArrayList<>();
      long groupBytes = 0;
      long limit = stored <= SPLIT_MIN_BYTES ? Long.MAX_VALUE : FIRST_GROUP_BYTES;
      long cap = Math.max(FIRST_GROUP_BYTES, options.maxMergedSize());
      for (int i : order) {
        ChunkTask t = tasks.get(i);
        if (t.ref() == null) {
          continue;
        }
        withData++;
        decodedBytes += t.expectedBytes();
        if (t.ref().isInline()) {
          continue;
        }
        if (!ranges.isEmpty() && groupBytes + t.ref().size() > limit) {
          fetches.add(input.readVectored(ranges, options));
          ranges = new ArrayList<>();
          groupBytes = 0;
          limit = Math.min(cap, limit * 2);
        }
        group[i] = fetches.size();
        member[i] = ranges.size();
        ranges.add(new ByteRange(t.ref().offset(), t.ref().size()));
        groupBytes += t.ref().size();
      }
      if (!ranges.isEmpty()) {
        fetches.add(input.readVectored(ranges, options));
      }
    }

    /** Decodes tasks in order until none is left or one has failed. */
    private void work() {
      DecodeContext ctx = workers.borrow();
      try {
        int k;
        while (failure.get() == null && (k = next.getAndIncrement()) < tasks.size()) {
          int i = order[k];
          ChunkTask t = tasks.get(i);
          if (t.ref() == null) {
            t.sink().accept(t, null);
            continue;
          }
          ByteBuffer stored = t.ref().isInline() ? ByteBuffer.wrap(t.ref().inline())
              : StoreInput.StoreInputs.join(fetches.get(group[i])).get(member[i]);
          t.sink().accept(t, decoder.decode(t.dataset(), t.ref(), stored, t.expectedBytes(), ctx));
        }
      } catch (Throwable e) {
        fail(e);
      } finally {
        workers.release(ctx);
      }
    }

    /**
     * A helper thread's share of the work. A helper still queued (behind other reads) when the
     * caller has finished is skipped; one that has started is waited for.
     */
    private final class Helper implements Runnable {
      private final AtomicInteger state = new AtomicInteger(); // 0 queued, 1 started, 2 skipped
      private final CountDownLatch done = new CountDownLatch(1);

      @Override
      public void run() {
        if (!state.compareAndSet(0, 1)) {
          return;
        }
        try {
          work();
        } finally {
          done.countDown();
        }
      }

      void skip() {
        state.compareAndSet(0, 2);
      }

      void awaitOrSkip() {
        if (state.compareAndSet(0, 2)) {
          return;
        }
        boolean interrupted = false;
        while (true) {
          try {
            done.await();
            break;
          } catch (InterruptedException e) {
            interrupted = true; // the helper writes into the caller's arrays: wait for it anyway
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void fail(Throwable t) {
      failure.compareAndSet(null, t);
    }

    private void rethrow(Throwable t) throws IOException {
      throw StoreInput.StoreInputs.asIOException(t);
    }
  }
}
