package io.trajstream.zarr.codec;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;

/**
 * Builds the Blosc LZ4 frame of one chunk of little-endian float32 elements while the chunk fills:
 * the caller's floats are copied once into the chunk, and each Blosc block is compressed on a
 * bounded pool as soon as its last element arrives, its floats byte-shuffled (when asked) straight
 * into that thread's LZ4 input buffer, so shuffling runs in parallel too. {@link #finishFrame()} compresses what is left (the calling thread takes part) and
 * returns the frame, byte for byte what {@link BloscCodec#encode} gives for the same chunk. Memory:
 * the chunk's elements plus one frame being compressed. Elements must be put in order; one user at
 * a time.
 */
public final class FloatChunkEncoder {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int nbytes;
  private final int clevel;
  private final boolean shuffle;
  private final int blocksize;
  private final int nblocks;
  private final int leftover;
  private final boolean dontSplit;
  private final int flags;
  private final int elements;
  private final Executor pool;
  /** The chunk's elements. */
  private final float[] raw;
  /** Where block j's compressed streams go before the frame is compacted. */
  private final int[] slot;
  private final int frameCapacity;
  private byte[] spareFrame;
  private Round round;
  private int cursor;
  private int submitted;

  /** State of one chunk's compression; pool tasks of an older chunk only see their own round. */
  private static final class Round {
    final byte[] frame;
    final int[] sizes;
    final AtomicIntegerArray claimed;
    final CountDownLatch done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Round(byte[] frame, int nblocks) {
      this.frame = frame;
      this.sizes = new int[nblocks];
      this.claimed = new AtomicIntegerArray(nblocks);
      this.done = new CountDownLatch(nblocks);
    }
  }

  FloatChunkEncoder(int nbytes, int clevel, boolean shuffle, int forcedBlocksize) {
    if (nbytes % 4 != 0 || nbytes < 128 || clevel < 1) {
      throw new IllegalArgumentException("no streaming frame for " + nbytes + " bytes at clevel " + clevel);
    }
    this.nbytes = nbytes;
    this.clevel = clevel;
    this.shuffle = shuffle;
    this.blocksize = BloscLz4.blocksize(clevel, 4, nbytes, forcedBlocksize);
    this.nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
    this.leftover = nbytes % blocksize;
    this.dontSplit = !BloscLz4.split(4, blocksize);
    this.flags = (BloscLz4.LZ4_FORMAT << 5) | (dontSplit ? BloscLz4.DONT_SPLIT : 0) | (shuffle ? BloscLz4.DOSHUFFLE : 0);
    this.elements = nbytes / 4;
    this.pool = BloscLz4.pool();
    this.raw = new float[elements];
    this.slot = new int[nblocks];
    int pos = BloscLz4.HEADER + 4 * nblocks;
    for (int j = 0; j < nblocks; j++) {
      slot[j] = pos;
      pos += bsize(j) + 4 * nsplits(j);
    }
    this.frameCapacity = pos;
  }

  /** Elements per chunk. */
  public int elements() {
    return elements;
  }

  private int bsize(int j) {
    return j == nblocks - 1 && leftover > 0 ? leftover : blocksize;
  }

  private int nsplits(int j) {
    return !dontSplit && !(j == nblocks - 1 && leftover > 0) ? 4 : 1;
  }

  private Round round() {
    if (round == null) {
      byte[] f = spareFrame != null ? spareFrame : new byte[frameCapacity];
      spareFrame = null;
      round = new Round(f, nblocks);
    }
    return round;
  }

  /** Hands back a frame returned by {@link #finishFrame()} once stored, to be filled again. */
  public void recycle(ByteBuffer frame) {
    if (frame.hasArray() && frame.array().length == frameCapacity && frame.arrayOffset() == 0) {
      spareFrame = frame.array();
    }
  }

  /** Puts {@code count} floats from {@code src} at {@code off} as elements {@code at..at+count} of the chunk. */
  public void put(float[] src, int off, int at, int count) throws IOException {
    checkPut(at, count);
    System.arraycopy(src, off, raw, at, count);
    int end = at + count;
    advance(end);
  }

  /** As {@link #put(float[], int, int, int)}, from little-endian float32 bytes. */
  public void putBytes(byte[] src, int off, int at, int count) throws IOException {
    checkPut(at, count);
    ByteBuffer.wrap(src, off, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw, at, count);
    advance(at + count);
  }

  /** Sets elements {@code at..} to the end of the chunk to the float with bits {@code fillBits}. */
  public void fill(int at, int fillBits) throws IOException {
    checkPut(at, elements - at);
    java.util.Arrays.fill(raw, at, elements, Float.intBitsToFloat(fillBits));
    advance(elements);
  }

  private void checkPut(int at, int count) {
    if (at != cursor || count < 0 || at + count > elements) {
      throw new IllegalArgumentException("elements " + at + ".." + (at + count) + " do not follow " + cursor + " within " + elements);
    }
  }

  /** Starts compressing every block whose elements are all in. */
  private void advance(int end) {
    cursor = end;
    Round r = round();
    while (submitted < nblocks && (long) submitted * blocksize + bsize(submitted) <= 4L * end) {
      int j = submitted++;
      if (pool != null && j < nblocks - 1) {
        try {
          pool.execute(() -> claimAndCompress(r, j));
        } catch (RejectedExecutionException e) {
          // The caller compresses it in finishFrame.
        }
      }
    }
  }

  private void claimAndCompress(Round r, int j) {
    if (!r.claimed.compareAndSet(j, 0, 1)) {
      return;
    }
    try {
      if (r.failure.get() == null) {
        r.sizes[j] = compressBlock(r.frame, j);
      }
    } catch (Throwable t) {
      r.failure.compareAndSet(null, t);
    } finally {
      r.done.countDown();
    }
  }

  /** Compresses block j into its slot of {@code frame}; returns the bytes used there. */
  private int compressBlock(byte[] frame, int j) {
    int bsize = bsize(j);
    int ns = nsplits(j);
    int neblock = bsize / ns;
    byte[] in = BloscLz4.scratch(bsize);
    if (shuffle) {
      shuffle(raw, j * (blocksize / 4), bsize / 4, in);
    } else {
      ByteBuffer.wrap(in, 0, bsize).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(raw, j * (blocksize / 4), bsize / 4);
    }
    int pos = slot[j];
    int accel = 10 - clevel;
    LZ4JNIFastResetCompressor c = BloscLz4.borrowCompressor(accel);
    try {
      for (int s = 0; s < ns; s++) {
        int cbytes;
        try {
          cbytes = BloscLz4.compressStream(c, in, s * neblock, neblock, frame, pos + 4);
        } catch (LZ4Exception e) {
          cbytes = 0;
        }
        if (cbytes <= 0 || cbytes >= neblock) {
          System.arraycopy(in, s * neblock, frame, pos + 4, neblock);
          cbytes = neblock;
        }
        INT_LE.set(frame, pos, cbytes);
        pos += 4 + cbytes;
      }
    } finally {
      BloscLz4.returnCompressor(accel, c);
    }
    return pos - slot[j];
  }

  /** Byte shuffle of {@code n} floats from {@code src} at {@code first}: byte k of float i to {@code dst[k * n + i]}. */
  private static void shuffle(float[] src, int first, int n, byte[] dst) {
    java.util.Objects.checkFromIndexSize(first, n, src.length);
    java.util.Objects.checkFromIndexSize(0, 4 * n, dst.length);
    int n2 = 2 * n;
    int n3 = 3 * n;
    int i = 0;
    // Eight floats at a time: floats i..i+3 in the low and i+4..i+7 in the high halves of four
    // longs, a 4x4 byte transpose in each half, then one long store per stream.
    for (; i + 8 <= n; i += 8) {
      int f = first + i;
      long v0 = (Float.floatToRawIntBits(src[f]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 4]) << 32;
      long v1 = (Float.floatToRawIntBits(src[f + 1]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 5]) << 32;
      long v2 = (Float.floatToRawIntBits(src[f + 2]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 6]) << 32;
      long v3 = (Float.floatToRawIntBits(src[f + 3]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 7]) << 32;
      long t0 = (v0 & BloscLz4.M8) | (v1 & BloscLz4.M8) << 8;
      long t1 = (v0 >>> 8) & BloscLz4.M8 | (v1 & ~BloscLz4.M8);
      long t2 = (v2 & BloscLz4.M8) | (v3 & BloscLz4.M8) << 8;
      long t3 = (v2 >>> 8) & BloscLz4.M8 | (v3 & ~BloscLz4.M8);
      LONG_LE.set(dst, i, (t0 & BloscLz4.M16) | (t2 & BloscLz4.M16) << 16);
      LONG_LE.set(dst, n + i, (t1 & BloscLz4.M16) | (t3 & BloscLz4.M16) << 16);
      LONG_LE.set(dst, n2 + i, (t0 >>> 16) & BloscLz4.M16 | (t2 & ~BloscLz4.M16));
      LONG_LE.set(dst, n3 + i, (t1 >>> 16) & BloscLz4.M16 | (t3 & ~BloscLz4.M16));
    }
    for (; i < n; i++) {
      int v = Float.floatToRawIntBits(src[first + i]);
      dst[i] = (byte) v;
      dst[n + i] = (byte) (v >>> 8);
      dst[n2 + i] = (byte) (v >>> 16);
      dst[n3 + i] = (byte) (v >>> 24);
    }
  }

  /** Waits until every block of the current chunk is compressed, compressing unclaimed ones here. */
  private Round complete() throws IOException {
    if (cursor != elements) {
      throw new IllegalStateException("chunk holds " + cursor + " of " + elements + " elements");
    }
    Round r = round();
    for (int j = 0; j < nblocks; j++) {
      claimAndCompress(r, j);
    }
    try {
      r.done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing a chunk");
    }
    Throwable t = r.failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error er) {
      throw er;
    }
    if (t != null) {
      throw new IOException(t);
    }
    return r;
  }

  /**
   * The Blosc frame of the full chunk (all elements put or filled); the encoder then starts on the
   * next chunk. The returned buffer's array may be handed back with {@link #recycle}.
   */
  public ByteBuffer finishFrame() throws IOException {
    Round r = complete();
    byte[] frame = r.frame;
    int pos = BloscLz4.HEADER + 4 * nblocks;
    for (int j = 0; j < nblocks; j++) {
      if (slot[j] != pos) {
        System.arraycopy(frame, slot[j], frame, pos, r.sizes[j]);
      }
      INT_LE.set(frame, BloscLz4.HEADER + 4 * j, pos);
      pos += r.sizes[j];
    }
    ByteBuffer out;
    if (pos > nbytes + BloscLz4.HEADER) {
      // Does not compress: a memcpy'ed frame of the plain elements, as BloscCodec writes it.
      byte[] m = new byte[BloscLz4.HEADER + nbytes];
      BloscLz4.header(m, flags | BloscLz4.MEMCPYED, 4, nbytes, blocksize, m.length);
      plain(m, BloscLz4.HEADER, elements);
      out = ByteBuffer.wrap(m);
      spareFrame = frame;
    } else {
      BloscLz4.header(frame, flags, 4, nbytes, blocksize, pos);
      out = ByteBuffer.wrap(frame, 0, pos);
    }
    reset();
    return out;
  }

  /**
   * The first {@code count} elements as plain little-endian bytes (for a chunk stored another way);
   * the encoder then starts on the next chunk.
   */
  public byte[] takePlain(int count) throws IOException {
    if (count > cursor) {
      throw new IllegalArgumentException(count + " elements wanted, " + cursor + " put");
    }
    if (round != null) {
      // Let started blocks finish before the buffer is read and reused.
      Round r = round;
      for (int j = 0; j < nblocks; j++) {
        if (r.claimed.compareAndSet(j, 0, 1)) {
          r.done.countDown();
        }
      }
      try {
        r.done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while compressing a chunk");
      }
      spareFrame = r.frame;
    }
    byte[] out = new byte[4 * count];
    plain(out, 0, count);
    reset();
    return out;
  }

  private void reset() {
    round = null;
    cursor = 0;
    submitted = 0;
  }

  /** Writes the first {@code count} elements as little-endian bytes into {@code dst} at {@code off}. */
  private void plain(byte[] dst, int off, int count) {
    ByteBuffer.wrap(dst, off, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(raw, 0, count);
  }
}
