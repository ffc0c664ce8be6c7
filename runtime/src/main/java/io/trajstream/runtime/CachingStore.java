package io.trajstream.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.util.function.LongConsumer;
import io.trajstream.store.WriteOutcome;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches reads in fixed-size blocks under a byte-bounded LRU (Caffeine), for formats that read
 * their metadata in many small pieces. Reads of at least {@code bypassBytes} go straight to the
 * wrapped store. On open, the first {@code headPrefetchBytes} of an object are fetched in one
 * request. Writes and deletes drop the cached blocks of their key.
 */
public final class CachingStore extends ForwardingStore {
  private record BlockKey(String key, long block) {}

  private final int blockSize;
  private final int bypassBytes;
  private final int headPrefetchBytes;
  private final Cache<BlockKey, byte[]> blocks;
  private final Map<String, Long> lengths = new ConcurrentHashMap<>();

  /** 64 KiB blocks, reads of 1 MiB or more bypass, 256 KiB head prefetch. */
  public CachingStore(Store delegate, long maxBytes) {
    this(delegate, maxBytes, 64 * 1024, 1024 * 1024, 256 * 1024);
  }

  public CachingStore(Store delegate, long maxBytes, int blockSize, int bypassBytes, int headPrefetchBytes) {
    super(delegate);
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be positive");
    }
    this.blockSize = blockSize;
    this.bypassBytes = bypassBytes;
    this.headPrefetchBytes = headPrefetchBytes;
    this.blocks = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((BlockKey k, byte[] v) -> v.length + 64).build();
  }

  /** Bytes now held. */
  public long cachedBytes() {
    return blocks.asMap().values().stream().mapToLong(b -> b.length).sum();
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    Long known = lengths.get(key);
    if (known != null) {
      return newInput(key, known);
    }
    StoreInput in = delegate.newInput(key);
    lengths.put(key, in.length());
    return prefetch(new CachedInput(key, in, in.length()));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    lengths.putIfAbsent(key, knownLength);
    return prefetch(new CachedInput(key, delegate.newInput(key, knownLength), knownLength));
  }

  private StoreInput prefetch(CachedInput in) throws IOException {
    int head = (int) Math.min(headPrefetchBytes, in.length);
    if (head > 0 && blocks.getIfPresent(new BlockKey(in.key, 0)) == null) {
      in.read(0, head);
    }
    return in;
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    invalidate(key);
    delegate.write(key, data);
    invalidate(key);
  }

  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    invalidate(key);
    try {
      return delegate.writeResumable(key, data, progress);
    } finally {
      invalidate(key);
    }
  }

  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    invalidate(key);
    try {
      return delegate.writeResumable(key, source, progress);
    } finally {
      invalidate(key);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    invalidate(key);
    delegate.delete(key);
  }

  private void invalidate(String key) {
    lengths.remove(key);
    blocks.asMap().keySet().removeIf(k -> k.key().equals(key));
  }

  private final class CachedInput extends ForwardingStoreInput {
    private final String key;
    private final long length;

    CachedInput(String key, StoreInput delegate, long length) {
      super(delegate);
      this.key = key;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public ByteBuffer read(long position, int len) throws IOException {
      byte[] buf = new byte[len];
      readFully(position, buf, 0, len);
      return ByteBuffer.wrap(buf);
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      StoreInputs.checkRange(location(), length, position, len);
      if (len == 0) {
        return;
      }
      if (len >= bypassBytes) {
        delegate.readFully(position, buf, off, len);
        return;
      }
      long first = position / blockSize;
      long last = (position + len - 1) / blockSize;
      byte[][] got = new byte[(int) (last - first + 1)][];
      for (long b = first; b <= last; b++) {
        got[(int) (b - first)] = blocks.getIfPresent(new BlockKey(key, b));
      }
      // fetch each run of missing blocks with one request
      int i = 0;
      while (i < got.length) {
        if (got[i] != null) {
          i++;
          continue;
        }
        int j = i;
        while (j < got.length && got[j] == null) {
          j++;
        }
        long start = (first + i) * (long) blockSize;
        long end = Math.min(length, (first + j) * (long) blockSize);
        byte[] run = new byte[(int) (end - start)];
        delegate.readFully(start, run, 0, run.length);
        for (int k = i; k < j; k++) {
          int from = (k - i) * blockSize;
          int to = Math.min(run.length, from + blockSize);
          byte[] block = java.util.Arrays.copyOfRange(run, from, to);
          got[k] = block;
          blocks.put(new BlockKey(key, first + k), block);
        }
        i = j;
      }
      int copied = 0;
      for (int k = 0; k < got.length; k++) {
        long blockStart = (first + k) * (long) blockSize;
        int from = (int) Math.max(0, position - blockStart);
        int n = Math.min(got[k].length - from, len - copied);
        System.arraycopy(got[k], from, buf, off + copied, n);
        copied += n;
      }
    }
  }
}
