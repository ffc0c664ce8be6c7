package io.trajstream.h5md.io;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} over a {@link BlockCache}, so that libraries written for local
 * files (jhdf) read stored objects. Positional reads fill the whole buffer (or up to the end);
 * {@link #map} is unsupported (callers fall back to reads); writes are refused.
 */
public final class StoreFileChannel extends FileChannel {
  /** What each read costs besides the bytes it asks for (so that many tiny reads add up too). */
  private static final long COST_PER_READ = 512;
  private final BlockCache cache;
  private final long budget;
  private final AtomicLong spent = new AtomicLong();
  private long position;

  /** A channel whose reads may ask for any number of bytes in all (no read budget). */
  public StoreFileChannel(BlockCache cache) {
    this(cache, Long.MAX_VALUE);
  }

  /**
   * A channel whose reads, in all, may ask for at most {@code budget} bytes (each read counted as
   * the bytes it asks for plus a small fixed cost): a reader looping over metadata that points back
   * at itself (object header continuations, say) is stopped by an {@link IOException} after a bounded
   * amount of work, instead of running as long as the loop's declared counts allow.
   */
  public StoreFileChannel(BlockCache cache, long budget) {
    this.cache = cache;
    this.budget = budget;
  }

  /** The read budget for a file of {@code length} bytes: its metadata read many times over. */
  public static long budgetFor(long length) {
    return Math.min(Long.MAX_VALUE / 2, 64 * Math.max(0, length) + (256L << 20));
  }

  @Override
  public int read(ByteBuffer dst, long pos) throws IOException {
    long total = spent.addAndGet(dst.remaining() + COST_PER_READ);
    if (total > budget) {
      throw new IOException("reading the HDF5 metadata asked for more than " + budget + " bytes in all from a file of "
          + cache.length() + " bytes (metadata that refers back to itself?)");
    }
    if (pos >= cache.length()) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), cache.length() - pos);
    if (dst.hasArray()) {
      cache.read(pos, dst.array(), dst.arrayOffset() + dst.position(), n);
      dst.position(dst.position() + n);
    } else {
      byte[] tmp = new byte[n];
      cache.read(pos, tmp, 0, n);
      dst.put(tmp);
    }
    return n;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    int n = read(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long pos) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized long position() {
    return position;
  }

  @Override
  public synchronized FileChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return cache.length();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) {}

  @Override
  public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, cache.length() - pos));
    read(buf, pos);
    buf.flip();
    return target.write(buf);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long pos, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long pos, long size) {
    throw new UnsupportedOperationException("stored objects cannot be memory-mapped");
  }

  @Override
  public FileLock lock(long pos, long size, boolean shared) {
    throw new UnsupportedOperationException("no locks on stored objects");
  }

  @Override
  public FileLock tryLock(long pos, long size, boolean shared) {
    throw new UnsupportedOperationException("no locks on stored objects");
  }

  @Override
  protected void implCloseChannel() {}

}
