package io.trajstream.zarr.codec;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the Blosc LZ4 frame of one chunk of little-endian float32 elements while the chunk fills:
 * the caller's floats are byte-shuffled (when asked) on the calling thread straight into a small
 * buffer holding one Blosc block, and each full block is compressed on a bounded pool while the
 * next ones fill. Only a few blocks wait at a time (the caller compresses one itself when they run
 * out), so the shuffled data stays in the processors' caches instead of making a trip through
 * memory as a chunk-sized copy would. {@link #finishFrame()} compresses what is left (the calling
 * thread takes part) and returns the frame, byte for byte what {@link BloscCodec#encode} gives for
 * the same chunk. Frames are built in direct buffers from {@link DirectBufferPool}, so a file store
 * writes them without a copy; hand a stored frame back with {@link #recycle} and the encoder's
 * buffers back with {@link #release}. Memory: one frame being compressed and a few blocks. Elements
 * must be put in order; one user at a time.
 */
public final class FloatChunkEncoder {
  private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Floats converted at a time by {@link #putBytes} and {@link #fill}. */
  private static final int STAGE = 1 << 14;

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
  /** Block buffers waiting to be compressed at most (more only while every one is being compressed). */
  private final int ring;
  /** Block buffers free to fill; compressing threads put theirs back. */
  private final ConcurrentLinkedQueue<ByteBuffer> freeBlocks = new ConcurrentLinkedQueue<>();
  private int blockBuffers;
  private final int frameCapacity;
  /** Buffers for one block's compressed streams until they are placed in the frame. */
  private final ConcurrentLinkedQueue<ByteBuffer> freeOutputs = new ConcurrentLinkedQueue<>();
  private ByteBuffer spareFrame;
  private float[] stage;
  private Round round;
  /** The block being filled and its buffer (null between blocks). */
  private ByteBuffer current;
  private int cursor;
  /** Blocks handed over for compression, in order. */
  private int submitted;

  /**
   * State of one chunk's compression; pool tasks of an older chunk only see their own round. Each
   * block is compressed into a small buffer of its own (which stays in cache), then copied to its
   * place in the frame as soon as every block before it is placed (by whichever thread gets there
   * first), so the frame is complete when the last block is placed.
   */
  private static final class Round {
    final ByteBuffer frame;
    final int[] sizes;
    /** Block j's shuffled elements until it is compressed. */
    final ByteBuffer[] blocks;
    /** Block j's compressed streams until it is placed. */
    final ByteBuffer[] outputs;
    final AtomicIntegerArray claimed;
    /** 1 once block j is compressed (or given up), so it may be placed. */
    final AtomicIntegerArray compressed;
    /** Counts placed blocks. */
    final CountDownLatch done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Held by the one thread placing blocks. */
    final AtomicBoolean placing = new AtomicBoolean();
    /** Next block to place and where it goes; only touched while {@link #placing} is held. */
    volatile int nextToPlace;
    int end;
    final int[] offsets;

    Round(ByteBuffer frame, int nblocks) {
      this.frame = frame;
      this.sizes = new int[nblocks];
      this.blocks = new ByteBuffer[nblocks];
      this.outputs = new ByteBuffer[nblocks];
      this.claimed = new AtomicIntegerArray(nblocks);
      this.compressed = new AtomicIntegerArray(nblocks);
      this.done = new CountDownLatch(nblocks);
      this.offsets = new int[nblocks];
      this.end = BloscLz4.HEADER + 4 * nblocks;
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
    this.ring = 2 * BloscLz4.THREADS + 2;
    long pos = BloscLz4.HEADER + 4L * nblocks;
    for (int j = 0; j < nblocks; j++) {
      pos += bsize(j) + 4L * nsplits(j);
    }
    this.frameCapacity = Math.toIntExact(pos);
  }

  /** Elements per chunk. */
  public int elements() {
    return elements;
  }

  /** Block buffers this encoder has taken (for tests of its memory bound). */
  int blockBuffers() {
    return blockBuffers;
  }

  /** The most block buffers it takes: its ring, plus one per thread that may be compressing. */
  int maxBlockBuffers() {
    return ring + BloscLz4.THREADS;
  }

  private int bsize(int j) {
    return j == nblocks - 1 && leftover > 0 ? leftover : blocksize;
  }

  private int nsplits(int j) {
    return !dontSplit && !(j == nblocks - 1 && leftover > 0) ? 4 : 1;
  }

  private Round round() {
    if (round == null) {
      ByteBuffer f = spareFrame != null ? spareFrame.clear() : DirectBufferPool.take(frameCapacity).clear();
      spareFrame = null;
      round = new Round(f, nblocks);
    }
    return round;
  }

  /**
   * Hands back a frame returned by {@link #finishFrame()} once it is stored, so that the next chunk
   * is built in it; the caller must not touch it afterwards.
   */
  public void recycle(ByteBuffer frame) {
    if (frame == null || !frame.isDirect() || frame.capacity() < frameCapacity) {
      return;
    }
    if (spareFrame == null) {
      spareFrame = frame;
    } else {
      DirectBufferPool.give(frame);
    }
  }

  /**
   * Gives this encoder's buffers back to {@link DirectBufferPool} between chunks (no elements put
   * since the last frame); the encoder stays usable and takes new ones when needed.
   */
  public void release() {
    if (cursor != 0) {
      throw new IllegalStateException("chunk holds " + cursor + " elements; finish it first");
    }
    DirectBufferPool.give(spareFrame);
    spareFrame = null;
    for (ByteBuffer b; (b = freeBlocks.poll()) != null; ) {
      DirectBufferPool.give(b);
    }
    for (ByteBuffer b; (b = freeOutputs.poll()) != null; ) {
      DirectBufferPool.give(b);
    }
    blockBuffers = 0;
  }

  /** Puts {@code count} floats from {@code src} at {@code off} as elements {@code at..at+count} of the chunk. */
  public void put(float[] src, int off, int at, int count) throws IOException {
    checkPut(at, count);
    java.util.Objects.checkFromIndexSize(off, count, src.length);
    int blockElems = blocksize / 4;
    int e = at;
    int end = at + count;
    while (e < end) {
      int j = e / blockElems;
      int first = j * blockElems;
      int n = bsize(j) / 4;
      int take = Math.min(end, first + n) - e;
      ByteBuffer block = current != null ? current : (current = takeBlockBuffer());
      if (shuffle) {
        shuffle(src, off + (e - at), take, block, e - first, n);
      } else {
        block.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(4 * (e - first)).limit(4 * (e - first + take)).asFloatBuffer()
            .put(src, off + (e - at), take);
      }
      e += take;
      cursor = e;
      if (e == first + n) {
        submit(j, block);
        current = null;
      }
    }
  }

  /** As {@link #put(float[], int, int, int)}, from little-endian float32 bytes. */
  public void putBytes(byte[] src, int off, int at, int count) throws IOException {
    checkPut(at, count);
    java.util.Objects.checkFromIndexSize(off, 4 * count, src.length);
    float[] s = stage();
    for (int done = 0; done < count; ) {
      int k = Math.min(STAGE, count - done);
      ByteBuffer.wrap(src, off + 4 * done, 4 * k).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(s, 0, k);
      put(s, 0, at + done, k);
      done += k;
    }
  }

  /** Sets elements {@code at..} to the end of the chunk to the float with bits {@code fillBits}. */
  public void fill(int at, int fillBits) throws IOException {
    checkPut(at, elements - at);
    float[] s = stage();
    java.util.Arrays.fill(s, Float.intBitsToFloat(fillBits));
    for (int e = at; e < elements; ) {
      int k = Math.min(STAGE, elements - e);
      put(s, 0, e, k);
      e += k;
    }
  }

  private float[] stage() {
    if (stage == null) {
      stage = new float[STAGE];
    }
    return stage;
  }

  private void checkPut(int at, int count) {
    if (at != cursor || count < 0 || at + count > elements) {
      throw new IllegalArgumentException("elements " + at + ".." + (at + count) + " do not follow " + cursor + " within " + elements);
    }
  }

  /**
   * A free block buffer. When all of them wait to be compressed, the caller compresses the oldest
   * waiting block itself, which frees one (and keeps it from running far ahead of the pool).
   */
  private ByteBuffer takeBlockBuffer() {
    ByteBuffer b = freeBlocks.poll();
    if (b == null && blockBuffers >= ring && round != null) {
      Round r = round;
      for (int j = 0; j < submitted && b == null; j++) {
        if (r.claimed.get(j) == 0) {
          claimAndCompress(r, j);
          b = freeBlocks.poll();
        }
      }
    }
    if (b == null) {
      b = DirectBufferPool.take(blocksize);
      blockBuffers++;
    }
    return b.clear();
  }

  /** Hands full block j over for compression. */
  private void submit(int j, ByteBuffer block) {
    Round r = round();
    r.blocks[j] = block;
    submitted = j + 1;
    if (pool != null && j < nblocks - 1) {
      try {
        pool.execute(() -> claimAndCompress(r, j));
      } catch (RejectedExecutionException e) {
        // The caller compresses it in finishFrame.
      }
    }
  }

  private void claimAndCompress(Round r, int j) {
    if (!r.claimed.compareAndSet(j, 0, 1)) {
      return;
    }
    try {
      if (r.failure.get() == null) {
        ByteBuffer out = freeOutputs.poll();
        if (out == null) {
          out = DirectBufferPool.take(blocksize + 16).order(ByteOrder.LITTLE_ENDIAN);
        }
        r.outputs[j] = out;
        r.sizes[j] = compressBlock(r.blocks[j], out.clear(), j);
      }
    } catch (Throwable t) {
      r.failure.compareAndSet(null, t);
    } finally {
      ByteBuffer b = r.blocks[j];
      r.blocks[j] = null;
      if (b != null) {
        freeBlocks.offer(b);
      }
      r.compressed.set(j, 1);
      place(r);
    }
  }

  /**
   * Moves every compressed block whose predecessors are all placed down to its place in the frame.
   * One thread places at a time; a thread that finds another placing leaves its block to it (the
   * placer looks again before it stops). Moving block j down never touches a block after it.
   */
  private void place(Round r) {
    while (r.nextToPlace < nblocks && r.compressed.get(r.nextToPlace) == 1 && r.placing.compareAndSet(false, true)) {
      try {
        ByteBuffer frame = r.frame.duplicate();
        while (r.nextToPlace < nblocks && r.compressed.get(r.nextToPlace) == 1) {
          int j = r.nextToPlace;
          ByteBuffer out = r.outputs[j];
          if (out != null) {
            if (r.sizes[j] > 0) {
              frame.put(r.end, out, 0, r.sizes[j]);
            }
            r.outputs[j] = null;
            freeOutputs.offer(out);
          }
          r.offsets[j] = r.end;
          r.end += r.sizes[j];
          r.nextToPlace = j + 1;
          r.done.countDown();
        }
      } finally {
        r.placing.set(false);
      }
    }
  }

  /** Compresses block j from {@code in} into {@code out} (the block's own output); returns the bytes used. */
  private int compressBlock(ByteBuffer in, ByteBuffer out, int j) {
    int ns = nsplits(j);
    return BloscLz4.compressStreams(10 - clevel, in, 0, bsize(j) / ns, ns, out, 0);
  }

  /**
   * Byte shuffle of {@code count} floats from {@code src} at {@code first} into a block of {@code n}
   * elements whose stream 0 starts at {@code dst[at]}: byte k of the i-th float goes to {@code
   * dst[at + k * n + i]}.
   */
  private static void shuffle(float[] src, int first, int count, ByteBuffer dst, int at, int n) {
    java.util.Objects.checkFromIndexSize(first, count, src.length);
    java.util.Objects.checkFromIndexSize(at, 3 * n + count, dst.capacity());
    int n2 = 2 * n;
    int n3 = 3 * n;
    int i = 0;
    // Eight floats at a time: floats i..i+3 in the low and i+4..i+7 in the high halves of four
    // longs, a 4x4 byte transpose in each half, then one long store per stream.
    for (; i + 8 <= count; i += 8) {
      int f = first + i;
      long v0 = (Float.floatToRawIntBits(src[f]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 4]) << 32;
      long v1 = (Float.floatToRawIntBits(src[f + 1]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 5]) << 32;
      long v2 = (Float.floatToRawIntBits(src[f + 2]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 6]) << 32;
      long v3 = (Float.floatToRawIntBits(src[f + 3]) & 0xFFFFFFFFL) | (long) Float.floatToRawIntBits(src[f + 7]) << 32;
      // Delta swaps: exchange the odd bytes of v0 with the even bytes of v1 (and v2/v3), then the
      // high 16 bits of t0 with the low 16 bits of t2 (and t1/t3).
      long x = ((v0 >>> 8) ^ v1) & BloscLz4.M8;
      long t0 = v0 ^ (x << 8);
      long t1 = v1 ^ x;
      x = ((v2 >>> 8) ^ v3) & BloscLz4.M8;
      long t2 = v2 ^ (x << 8);
      long t3 = v3 ^ x;
      long y = ((t0 >>> 16) ^ t2) & BloscLz4.M16;
      long z = ((t1 >>> 16) ^ t3) & BloscLz4.M16;
      int o = at + i;
      LONG_LE.set(dst, o, t0 ^ (y << 16));
      LONG_LE.set(dst, o + n, t1 ^ (z << 16));
      LONG_LE.set(dst, o + n2, t2 ^ y);
      LONG_LE.set(dst, o + n3, t3 ^ z);
    }
    for (; i < count; i++) {
      int v = Float.floatToRawIntBits(src[first + i]);
      int o = at + i;
      dst.put(o, (byte) v);
      dst.put(o + n, (byte) (v >>> 8));
      dst.put(o + n2, (byte) (v >>> 16));
      dst.put(o + n3, (byte) (v >>> 24));
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
    await(r);
    Throwable t = r.failure.get();
    if (t != null) {
      // This chunk is lost; the encoder starts over so that a retry does not see the same failure.
      reset();
      if (t instanceof Error er) {
        throw er;
      }
      throw new IOException("blosc: compressing a chunk failed: " + t, t);
    }
    return r;
  }

  /**
   * Waits until every block of the round is placed. Every block is claimed by then, so only blocks
   * being compressed remain: the wait goes on through an interrupt (pool threads still write into
   * the round's frame and blocks), which is reported once they are done.
   */
  private static void await(Round r) throws InterruptedIOException {
    boolean interrupted = false;
    while (true) {
      try {
        r.done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing a chunk");
    }
  }

  /**
   * The Blosc frame of the full chunk (all elements put or filled); the encoder then starts on the
   * next chunk. A direct frame may be handed back with {@link #recycle} once stored.
   */
  public ByteBuffer finishFrame() throws IOException {
    Round r = complete();
    ByteBuffer frame = r.frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < nblocks; j++) {
      frame.putInt(BloscLz4.HEADER + 4 * j, r.offsets[j]);
    }
    int pos = r.end;
    byte[] header = new byte[BloscLz4.HEADER];
    BloscLz4.header(header, flags, 4, nbytes, blocksize, pos);
    frame.put(0, header);
    ByteBuffer out = r.frame;
    out.clear().limit(pos);
    reset();
    if (pos > nbytes + BloscLz4.HEADER) {
      // Does not compress: a memcpy'ed frame of the plain elements, as BloscCodec writes it.
      byte[] m = new byte[BloscLz4.HEADER + nbytes];
      BloscLz4.header(m, flags | BloscLz4.MEMCPYED, 4, nbytes, blocksize, m.length);
      decode(out, m, BloscLz4.HEADER);
      recycle(out);
      return ByteBuffer.wrap(m);
    }
    return out;
  }

  /** The plain elements of a frame of this encoder, into {@code dst} at {@code off}. */
  private void decode(ByteBuffer frame, byte[] dst, int off) throws IOException {
    byte[] f = new byte[frame.remaining()];
    frame.duplicate().get(f);
    BloscLz4.decompress(f, dst, off);
  }

  /**
   * The first {@code count} elements as plain little-endian bytes (for a chunk stored another way);
   * the encoder then starts on the next chunk. (Rare: a new array shorter than one chunk. The
   * elements are not kept plain, so the chunk is completed with zeros, compressed and decoded.)
   */
  public byte[] takePlain(int count) throws IOException {
    if (count > cursor) {
      throw new IllegalArgumentException(count + " elements wanted, " + cursor + " put");
    }
    if (cursor < elements) {
      fill(cursor, 0);
    }
    ByteBuffer frame = finishFrame();
    byte[] plain = new byte[nbytes];
    if (frame.isDirect()) {
      decode(frame, plain, 0);
      recycle(frame);
    } else {
      BloscLz4.decompress(frame.array(), plain, 0);
    }
    return java.util.Arrays.copyOf(plain, 4 * count);
  }

  private void reset() {
    round = null;
    current = null;
    cursor = 0;
    submitted = 0;
  }
}
