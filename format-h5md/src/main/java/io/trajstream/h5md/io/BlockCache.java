package io.trajstream.h5md.io;

import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-bounded LRU cache of fixed-size aligned blocks of one {@link StoreInput}, for metadata
 * that is read in many tiny pieces. A miss fetches the missing run of blocks (at least {@code
 * readAhead} blocks) in one request. Thread-safe; counts the requests it makes.
 */
public final class BlockCache {
  private final StoreInput input;
  private final long length;
  private final int blockSize;
  private final int readAheadBlocks;
  private final long maxBlocks;
  private final Map<Long, byte[]> blocks;
  private long requests;
  private long bytesFetched;

  /**
   * @param blockSize bytes per block
   * @param readAheadBlocks blocks fetched per miss, at least 1
   * @param maxBytes bound on cached bytes
   */
  public BlockCache(StoreInput input, long length, int blockSize, int readAheadBlocks, long maxBytes) {
    this.input = input;
    this.length = length;
    this.blockSize = blockSize;
    this.readAheadBlocks = Math.max(1, readAheadBlocks);
    this.maxBlocks = Math.max(2, maxBytes / blockSize);
    this.blocks = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
        return size() > maxBlocks;
      }
    };
  }

  public long length() {
    return length;
  }

  /**
   * Fetches {@code [position, position+len)} into the cache in one request (e.g. the file head); no
   * more than the cache holds.
   */
  public synchronized void prefetch(long position, long len) throws IOException {
    long first = position / blockSize;
    long last = Math.min((Math.min(length, position + len) - 1) / blockSize, first + maxBlocks - 1);
    if (last >= first) {
      fetch(first, last);
    }
  }

  /**
   * Fetches every block touched by {@code ranges} (each {@code {position, length}}, clipped to the
   * object) that is not cached yet, all at once: the runs of missing blocks go out as one vectored
   * read, so they cost one round trip together. As many blocks are kept as the cache holds.
   */
  public void prefetchAll(List<long[]> ranges) throws IOException {
    java.util.TreeSet<Long> missing = new java.util.TreeSet<>();
    synchronized (this) {
      for (long[] r : ranges) {
        long from = Math.max(0, r[0]);
        long to = Math.min(length, r[0] + r[1]);
        for (long b = from / blockSize; to > from && b <= (to - 1) / blockSize && missing.size() < maxBlocks; b++) {
          if (!blocks.containsKey(b)) {
            missing.add(b);
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<long[]> runs = new ArrayList<>();
    for (long b : missing) {
      long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[1] == b - 1) {
        last[1] = b;
      } else {
        runs.add(new long[] {b, b});
      }
    }
    List<ByteRange> request = new ArrayList<>();
    for (long[] run : runs) {
      long start = run[0] * blockSize;
      long end = Math.min(length, (run[1] + 1) * blockSize);
      request.add(new ByteRange(start, (int) (end - start)));
    }
    // runs less than 256 KiB apart are merged (cheaper than another request), distant ones fetched in parallel
    List<ByteBuffer> got = StoreInput.StoreInputs.join(input.readVectored(request, new VectoredReadOptions(256 << 10, 16 << 20)));
    synchronized (this) {
      for (int i = 0; i < runs.size(); i++) {
        ByteBuffer buf = got.get(i);
        requests++;
        bytesFetched += buf.remaining();
        for (long b = runs.get(i)[0]; b <= runs.get(i)[1]; b++) {
          int from = (int) ((b - runs.get(i)[0]) * blockSize);
          int n = (int) Math.min(blockSize, buf.remaining() - (long) from);
          byte[] block = new byte[n];
          buf.duplicate().position(buf.position() + from).get(block, 0, n);
          blocks.put(b, block);
        }
      }
    }
  }

  /** Copies {@code len} bytes at {@code position}; fails with EOF past the end. */
  public synchronized void read(long position, byte[] dst, int off, int len) throws IOException {
    StoreInput.StoreInputs.checkRange(input.location(), length, position, len);
    long pos = position;
    int done = 0;
    while (done < len) {
      long b = pos / blockSize;
      byte[] block = blocks.get(b);
      if (block != null) {
        int inBlock = (int) (pos - b * blockSize);
        int n = Math.min(len - done, block.length - inBlock);
        System.arraycopy(block, inBlock, dst, off + done, n);
        done += n;
        pos += n;
        continue;
      }
      long lastNeeded = (position + len - 1) / blockSize;
      long last = Math.max(lastNeeded, b + readAheadBlocks - 1);
      last = Math.min(last, (length - 1) / blockSize);
      // stop the run at the first block we already have
      for (long k = b + 1; k <= last; k++) {
        if (blocks.containsKey(k)) {
          last = k - 1;
          break;
        }
      }
      // copied from the fetched run itself: a run longer than the cache keeps only its first blocks
      byte[] run = fetch(b, last);
      int inRun = (int) (pos - b * blockSize);
      int n = Math.min(len - done, run.length - inRun);
      System.arraycopy(run, inRun, dst, off + done, n);
      done += n;
      pos += n;
    }
  }

  /** Fetches blocks {@code [first, last]} in one request, caches as many of them as the cache holds, returns them all. */
  private byte[] fetch(long first, long last) throws IOException {
    long start = first * blockSize;
    long end = Math.min(length, (last + 1) * blockSize);
    byte[] buf = new byte[(int) (end - start)];
    input.readFully(start, buf, 0, buf.length);
    requests++;
    bytesFetched += buf.length;
    for (long b = first; b <= Math.min(last, first + maxBlocks - 1); b++) {
      int from = (int) ((b - first) * blockSize);
      int to = (int) Math.min(buf.length, from + (long) blockSize);
      blocks.put(b, java.util.Arrays.copyOfRange(buf, from, to));
    }
    return buf;
  }

  /** Requests made so far. */
  public synchronized long requests() {
    return requests;
  }

  /** Bytes fetched so far. */
  public synchronized long bytesFetched() {
    return bytesFetched;
  }
}
