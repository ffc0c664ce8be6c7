package io.trajstream.zarr.codec;

import io.trajstream.store.IoExecutors;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The Blosc 1 container (format version 2, as c-blosc 1.x and numcodecs write it) with the LZ4
 * codec and byte shuffle, in Java on lz4-java: a 16-byte header (version, codec version, flags,
 * typesize, nbytes, blocksize, cbytes), one start offset per block, then per block either one LZ4
 * stream or one per byte of the type ("split"), each prefixed by its length; a stream as long as
 * its uncompressed size is stored raw. Blocks are compressed and decompressed in parallel on a
 * small bounded pool, the calling thread taking part. Block size and splitting follow c-blosc's
 * defaults, so numcodecs and this class read each other's frames.
 */
final class BloscLz4 {
  static final int HEADER = 16;
  static final int VERSION_FORMAT = 2;
  static final int LZ4_VERSION_FORMAT = 1;
  static final int LZ4_FORMAT = 1;
  static final int DOSHUFFLE = 0x1;
  static final int MEMCPYED = 0x2;
  static final int DOBITSHUFFLE = 0x4;
  static final int DONT_SPLIT = 0x10;
  private static final int MIN_BUFFERSIZE = 128;
  private static final int MAX_SPLITS = 16;
  private static final int L1 = 32 * 1024;
  private static final int MAX_TYPESIZE = 255;

  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BB = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BB = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** Byte and 16-bit lane masks of the in-register 4x4 byte transposes in the float32 (un)shuffles. */
  static final long M8 = 0x00FF00FF00FF00FFL;
  static final long M16 = 0x0000FFFF0000FFFFL;
  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
  /** Whether lz4-java's native library loaded (it gives the acceleration c-blosc uses). */
  private static final boolean NATIVE = nativeAvailable();
  /** Threads that share the blocks of one chunk ({@code trajstream.blosc.threads}, default: processors, at most 4). */
  static final int THREADS =
      Math.max(1, Integer.getInteger("trajstream.blosc.threads", Math.min(4, Runtime.getRuntime().availableProcessors())));
  private static final ExecutorService POOL = THREADS > 1 ? IoExecutors.newBoundedPool("trajstream-blosc", THREADS - 1) : null;
  /** Native LZ4 compressors keep state; they are lent out one per block. */
  private static final ConcurrentLinkedQueue<LZ4JNIFastResetCompressor>[] COMPRESSORS = newPools();

  private BloscLz4() {}

  private static boolean nativeAvailable() {
    try {
      LZ4Factory.nativeInstance().fastResetCompressor(1).close();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static ConcurrentLinkedQueue<LZ4JNIFastResetCompressor>[] newPools() {
    ConcurrentLinkedQueue<LZ4JNIFastResetCompressor>[] p = new ConcurrentLinkedQueue[11];
    for (int i = 0; i < p.length; i++) {
      p[i] = new ConcurrentLinkedQueue<>();
    }
    return p;
  }

  /** Whether {@code frame} is a Blosc 1 frame this class decodes (LZ4 or memcpy'ed, no bitshuffle). */
  static boolean canDecode(byte[] frame) {
    return canDecode(java.nio.ByteBuffer.wrap(frame));
  }

  /** As {@link #canDecode(byte[])}, for a frame from index 0 to the buffer's limit. */
  static boolean canDecode(java.nio.ByteBuffer frame) {
    if (frame.limit() < HEADER) {
      return false;
    }
    int version = frame.get(0) & 0xFF;
    int flags = frame.get(2) & 0xFF;
    if (version < 1 || version > VERSION_FORMAT) {
      return false;
    }
    if ((flags & MEMCPYED) != 0) {
      return true;
    }
    return (flags >>> 5) == LZ4_FORMAT && (flags & DOBITSHUFFLE) == 0 && (frame.get(1) & 0xFF) == LZ4_VERSION_FORMAT;
  }

  /** Uncompressed size recorded in a frame's header. */
  static int nbytes(byte[] frame) {
    return (int) INT_LE.get(frame, 4);
  }

  /** c-blosc's block size for LZ4 (not a high-compression codec) at {@code clevel}. */
  static int blocksize(int clevel, int typesize, int nbytes, int forced) {
    if (nbytes < typesize) {
      return 1;
    }
    int blocksize = nbytes;
    if (forced > 0) {
      blocksize = Math.max(MIN_BUFFERSIZE, Math.min(forced, Integer.MAX_VALUE - MAX_TYPESIZE * 4));
    } else if (nbytes >= L1) {
      blocksize = L1;
      blocksize = switch (clevel) {
        case 0 -> blocksize / 4;
        case 1 -> blocksize / 2;
        case 2 -> blocksize;
        case 3 -> blocksize * 2;
        case 4, 5 -> blocksize * 4;
        default -> blocksize * 8;
      };
    }
    if (clevel > 0 && split(typesize, blocksize)) {
      blocksize = Math.min(blocksize, 1 << 18) * typesize;
      blocksize = Math.max(blocksize, 1 << 16);
      blocksize = Math.min(blocksize, 1 << 20);
    }
    blocksize = Math.min(blocksize, nbytes);
    if (blocksize > typesize) {
      blocksize = blocksize / typesize * typesize;
    }
    return blocksize;
  }

  /** c-blosc's default ("forward compatible") split rule for every codec but zstd. */
  static boolean split(int typesize, int blocksize) {
    return typesize <= MAX_SPLITS && blocksize / typesize >= MIN_BUFFERSIZE;
  }

  /** Compresses {@code src} as a Blosc 1 LZ4 frame; {@code shuffle} is byte shuffle. */
  static byte[] compress(byte[] src, int typesizeIn, int clevel, boolean shuffle, int forcedBlocksize) throws IOException {
    int typesize = typesizeIn > MAX_TYPESIZE ? 1 : typesizeIn;
    int nbytes = src.length;
    int maxbytes = nbytes + HEADER;
    int blocksize = blocksize(clevel, typesize, nbytes, forcedBlocksize);
    int nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
    int leftover = nbytes % blocksize;
    boolean dontSplit = !split(typesize, blocksize);
    int flags = (LZ4_FORMAT << 5) | (dontSplit ? DONT_SPLIT : 0) | (shuffle ? DOSHUFFLE : 0);
    if (clevel == 0 || nbytes < MIN_BUFFERSIZE) {
      return memcpyFrame(src, typesize, blocksize, flags);
    }
    int accel = 10 - clevel;
    // Each block compressed into its own buffer (in parallel), then laid out in order.
    byte[][] parts = new byte[nblocks][];
    int[] sizes = new int[nblocks];
    Parallel.run(nblocks, POOL, THREADS, j -> {
      int bsize = (j == nblocks - 1 && leftover > 0) ? leftover : blocksize;
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int nsplits = (!dontSplit && !leftoverBlock) ? typesize : 1;
      int neblock = bsize / nsplits;
      byte[] in = src;
      int inOff = j * blocksize;
      if (shuffle && typesize > 1) {
        in = scratch(bsize);
        shuffle(typesize, bsize, src, inOff, in);
        inOff = 0;
      }
      byte[] out = new byte[bsize + 4 * nsplits];
      parts[j] = out;
      sizes[j] = compressStreams(accel, java.nio.ByteBuffer.wrap(in), inOff, neblock, nsplits, java.nio.ByteBuffer.wrap(out), 0);
    });
    long total = HEADER + 4L * nblocks;
    for (int s : sizes) {
      total += s;
    }
    if (total > maxbytes) {
      return memcpyFrame(src, typesize, blocksize, flags);
    }
    byte[] frame = new byte[(int) total];
    header(frame, flags, typesize, nbytes, blocksize, (int) total);
    int pos = HEADER + 4 * nblocks;
    for (int j = 0; j < nblocks; j++) {
      INT_LE.set(frame, HEADER + 4 * j, pos);
      System.arraycopy(parts[j], 0, frame, pos, sizes[j]);
      pos += sizes[j];
    }
    return frame;
  }

  private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

  /** A per-thread buffer of at least {@code n} bytes for one block's shuffled bytes. */
  static byte[] scratch(int n) {
    byte[] b = SCRATCH.get();
    if (b == null || b.length < n) {
      b = new byte[n];
      SCRATCH.set(b);
    }
    return b;
  }

  /** The bounded pool that shares blocks of a chunk, or null when one thread does all. */
  static ExecutorService pool() {
    return POOL;
  }

  /**
   * The {@code nsplits} streams of one block ({@code neblock} bytes each, from {@code in} at {@code
   * inOff}, heap or direct) into {@code out} at {@code outPos}, each prefixed by its length: LZ4 at
   * acceleration {@code accel} when that makes it smaller, else stored as it is. Returns the bytes
   * written.
   */
  static int compressStreams(int accel, java.nio.ByteBuffer in, int inOff, int neblock, int nsplits, java.nio.ByteBuffer out,
      int outPos) {
    int pos = outPos;
    LZ4JNIFastResetCompressor c = NATIVE ? borrow(accel) : null;
    try {
      for (int s = 0; s < nsplits; s++) {
        int from = inOff + s * neblock;
        int cbytes;
        try {
          cbytes = c != null ? c.compress(in, from, neblock, out, pos + 4, neblock)
              : FACTORY.fastCompressor().compress(in, from, neblock, out, pos + 4, neblock);
        } catch (LZ4Exception e) {
          cbytes = 0; // does not fit in neblock bytes
        }
        if (cbytes <= 0 || cbytes >= neblock) {
          out.put(pos + 4, in, from, neblock);
          cbytes = neblock;
        }
        INT_BB.set(out, pos, cbytes);
        pos += 4 + cbytes;
      }
    } finally {
      if (c != null) {
        COMPRESSORS[accel].offer(c);
      }
    }
    return pos - outPos;
  }

  /**
   * The length of block {@code j}'s stream whose length prefix is at {@code pos}, checked to lie
   * within the frame's {@code cbytes}.
   */
  private static int streamLength(java.nio.ByteBuffer src, int pos, int cbytes, int j) throws IOException {
    if (pos < 0 || pos > cbytes - 4) {
      throw new IOException("blosc: block " + j + " starts outside the frame");
    }
    int n = (int) INT_BB.get(src, pos);
    if (n < 0 || n > cbytes - pos - 4) {
      throw new IOException("blosc: block " + j + " stream of " + n + " bytes runs past the frame");
    }
    return n;
  }

  /** Decompresses block {@code j}'s LZ4 stream of {@code n} bytes at {@code pos} into exactly {@code neblock} bytes. */
  private static void decompressStream(java.nio.ByteBuffer src, int pos, int n, java.nio.ByteBuffer out, int outOff, int neblock,
      int j) throws IOException {
    int got;
    try {
      got = DECOMPRESSOR.decompress(src, pos, n, out, outOff, neblock);
    } catch (LZ4Exception e) {
      throw new IOException("blosc: corrupt lz4 stream in block " + j + ": " + e.getMessage());
    }
    if (got != neblock) {
      throw new IOException("blosc: block " + j + " decompressed to " + got + " bytes, expected " + neblock);
    }
  }

  private static LZ4JNIFastResetCompressor borrow(int accel) {
    LZ4JNIFastResetCompressor c = COMPRESSORS[accel].poll();
    return c != null ? c : LZ4Factory.nativeInstance().fastResetCompressor(accel);
  }

  private static byte[] memcpyFrame(byte[] src, int typesize, int blocksize, int flags) {
    byte[] frame = new byte[HEADER + src.length];
    header(frame, flags | MEMCPYED, typesize, src.length, blocksize, frame.length);
    System.arraycopy(src, 0, frame, HEADER, src.length);
    return frame;
  }

  static void header(byte[] frame, int flags, int typesize, int nbytes, int blocksize, int cbytes) {
    frame[0] = VERSION_FORMAT;
    frame[1] = LZ4_VERSION_FORMAT;
    frame[2] = (byte) flags;
    frame[3] = (byte) typesize;
    INT_LE.set(frame, 4, nbytes);
    INT_LE.set(frame, 8, blocksize);
    INT_LE.set(frame, 12, cbytes);
  }

  /** Decompresses a frame ({@link #canDecode}) into {@code dst} at {@code dstOff}; returns nbytes. */
  static int decompress(byte[] src, byte[] dst, int dstOff) throws IOException {
    if (src.length < HEADER) {
      throw new IOException("blosc: buffer of " + src.length + " bytes is shorter than a blosc header");
    }
    int flags = src[2] & 0xFF;
    int typesize = src[3] & 0xFF;
    int nbytes = (int) INT_LE.get(src, 4);
    int blocksize = (int) INT_LE.get(src, 8);
    int cbytes = (int) INT_LE.get(src, 12);
    if (nbytes < 0 || cbytes > src.length || cbytes < HEADER || dst.length - dstOff < nbytes) {
      throw new IOException("blosc: corrupt header (nbytes " + nbytes + ", cbytes " + cbytes + ", buffer " + src.length + ")");
    }
    if ((flags & MEMCPYED) != 0) {
      if (cbytes < HEADER + nbytes) {
        throw new IOException("blosc: truncated memcpy'ed frame");
      }
      System.arraycopy(src, HEADER, dst, dstOff, nbytes);
      return nbytes;
    }
    if (nbytes == 0) {
      return 0;
    }
    if (blocksize <= 0 || blocksize > nbytes || typesize == 0) {
      throw new IOException("blosc: corrupt header (blocksize " + blocksize + ", typesize " + typesize + ")");
    }
    int nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
    int leftover = nbytes % blocksize;
    if (HEADER + 4L * nblocks > cbytes) {
      throw new IOException("blosc: truncated block table");
    }
    boolean dontSplit = (flags & DONT_SPLIT) != 0;
    boolean shuffle = (flags & DOSHUFFLE) != 0 && typesize > 1;
    Parallel.run(nblocks, POOL, THREADS, j -> {
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int bsize = leftoverBlock ? leftover : blocksize;
      int nsplits = (!dontSplit && typesize <= MAX_SPLITS && bsize / typesize >= MIN_BUFFERSIZE && !leftoverBlock) ? typesize : 1;
      int neblock = bsize / nsplits;
      byte[] out = dst;
      int outOff = dstOff + j * blocksize;
      if (shuffle) {
        out = scratch(bsize);
        outOff = 0;
      }
      java.nio.ByteBuffer srcBuf = java.nio.ByteBuffer.wrap(src);
      int pos = (int) INT_LE.get(src, HEADER + 4 * j);
      for (int s = 0; s < nsplits; s++) {
        int n = streamLength(srcBuf, pos, cbytes, j);
        pos += 4;
        if (n == neblock) {
          System.arraycopy(src, pos, out, outOff + s * neblock, neblock);
        } else {
          decompressStream(srcBuf, pos, n, java.nio.ByteBuffer.wrap(out), outOff + s * neblock, neblock, j);
        }
        pos += n;
      }
      if (shuffle) {
        unshuffle(typesize, bsize, out, dst, dstOff + j * blocksize);
      }
    });
    return nbytes;
  }

  /**
   * Decompresses the first {@code count} little-endian float32 elements of a frame ({@link
   * #canDecode}, typesize 4) straight into {@code dst} at {@code dstOff}: shuffled blocks are
   * un-shuffled into floats in one pass, without an intermediate byte copy of the chunk.
   */
  static void decompressFloats(byte[] src, float[] dst, int dstOff, int count) throws IOException {
    decompressFloats(java.nio.ByteBuffer.wrap(src), dst, dstOff, count, true);
  }

  /**
   * As {@link #decompressFloats(byte[], float[], int, int)}, from a heap or direct buffer holding the
   * frame from index 0 to its limit (position and limit are not changed); {@code splitBlocks} shares
   * the blocks among the pool's threads.
   */
  static void decompressFloats(java.nio.ByteBuffer frame, float[] dst, int dstOff, int count, boolean splitBlocks)
      throws IOException {
    java.nio.ByteBuffer src = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int length = src.limit();
    if (length < HEADER) {
      throw new IOException("blosc: buffer of " + length + " bytes is shorter than a blosc header");
    }
    int flags = src.get(2) & 0xFF;
    int typesize = src.get(3) & 0xFF;
    int nbytes = src.getInt(4);
    int blocksize = src.getInt(8);
    int cbytes = src.getInt(12);
    if (typesize != 4 || count < 0 || (long) count * 4 > nbytes || cbytes > length || dst.length - dstOff < count) {
      throw new IOException("blosc: frame of typesize " + typesize + " and " + nbytes + " bytes cannot give " + count + " floats");
    }
    if ((flags & MEMCPYED) != 0) {
      if (cbytes < HEADER + nbytes) {
        throw new IOException("blosc: truncated memcpy'ed frame");
      }
      src.slice(HEADER, nbytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, dstOff, count);
      return;
    }
    if (blocksize <= 0 || blocksize % 4 != 0 || blocksize > nbytes) {
      throw new IOException("blosc: corrupt header (blocksize " + blocksize + ")");
    }
    int nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
    int leftover = nbytes % blocksize;
    int needBlocks = Math.min(nblocks, (count * 4 + blocksize - 1) / blocksize);
    if (HEADER + 4L * nblocks > cbytes) {
      throw new IOException("blosc: truncated block table");
    }
    boolean dontSplit = (flags & DONT_SPLIT) != 0;
    boolean shuffle = (flags & DOSHUFFLE) != 0;
    Parallel.run(needBlocks, splitBlocks ? POOL : null, THREADS, j -> {
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int bsize = leftoverBlock ? leftover : blocksize;
      int nsplits = (!dontSplit && bsize / typesize >= MIN_BUFFERSIZE && !leftoverBlock) ? typesize : 1;
      int neblock = bsize / nsplits;
      int nelem = bsize / 4;
      java.nio.ByteBuffer out = directScratch(bsize);
      // Where each byte plane of the block is: a stream stored raw is read in place in the frame,
      // a compressed one is decompressed into the scratch buffer.
      java.nio.ByteBuffer[] planes = new java.nio.ByteBuffer[4];
      int[] planeAt = new int[4];
      int pos = src.getInt(HEADER + 4 * j);
      for (int s = 0; s < nsplits; s++) {
        int n = streamLength(src, pos, cbytes, j);
        pos += 4;
        java.nio.ByteBuffer streamIn;
        int streamAt;
        if (n == neblock) {
          streamIn = src;
          streamAt = pos;
          if (!shuffle) {
            out.put(s * neblock, src, pos, neblock);
          }
        } else {
          decompressStream(src, pos, n, out, s * neblock, neblock, j);
          streamIn = out;
          streamAt = s * neblock;
        }
        if (nsplits == 4) {
          planes[s] = streamIn;
          planeAt[s] = streamAt;
        } else {
          for (int k = 0; k < 4; k++) {
            planes[k] = streamIn;
            planeAt[k] = streamAt + k * nelem;
          }
        }
        pos += n;
      }
      int first = j * (blocksize / 4);
      int take = Math.min(nelem, count - first);
      int at = dstOff + first;
      if (shuffle) {
        unshuffleFloats(planes, planeAt, take, dst, at);
      } else {
        out.duplicate().order(ByteOrder.LITTLE_ENDIAN).limit(bsize).asFloatBuffer().get(dst, at, take);
      }
    });
  }

  private static final ThreadLocal<java.nio.ByteBuffer> DIRECT_SCRATCH = new ThreadLocal<>();

  /** A per-thread direct buffer of at least {@code n} bytes for one block's decompressed streams. */
  private static java.nio.ByteBuffer directScratch(int n) {
    java.nio.ByteBuffer b = DIRECT_SCRATCH.get();
    if (b == null || b.capacity() < n) {
      b = java.nio.ByteBuffer.allocateDirect(Math.max(n, 1 << 19));
      DIRECT_SCRATCH.set(b);
    }
    return b;
  }

  /**
   * The first {@code take} floats of a shuffled block: byte k of float i is at {@code
   * planeAt[k] + i} in {@code planes[k]} (heap or direct; planes may share a buffer). A small method
   * of its own so that the JIT compiles the loop on its own.
   */
  static void unshuffleFloats(java.nio.ByteBuffer[] planes, int[] planeAt, int take, float[] dst, int at) {
    if (take <= 0) {
      return;
    }
    java.nio.ByteBuffer p0 = planes[0];
    java.nio.ByteBuffer p1 = planes[1];
    java.nio.ByteBuffer p2 = planes[2];
    java.nio.ByteBuffer p3 = planes[3];
    int a0 = planeAt[0];
    int a1 = planeAt[1];
    int a2 = planeAt[2];
    int a3 = planeAt[3];
    // Range checks once, so the loop below needs none of its own.
    java.util.Objects.checkFromIndexSize(a0, take, p0.limit());
    java.util.Objects.checkFromIndexSize(a1, take, p1.limit());
    java.util.Objects.checkFromIndexSize(a2, take, p2.limit());
    java.util.Objects.checkFromIndexSize(a3, take, p3.limit());
    java.util.Objects.checkFromIndexSize(at, take, dst.length);
    int i = 0;
    // Eight floats at a time: one long load per plane, a 4x4 byte transpose in each 32-bit half
    // (floats i..i+3 come out in the low halves, i+4..i+7 in the high ones).
    for (; i + 8 <= take; i += 8) {
      long r0 = (long) LONG_BB.get(p0, a0 + i);
      long r1 = (long) LONG_BB.get(p1, a1 + i);
      long r2 = (long) LONG_BB.get(p2, a2 + i);
      long r3 = (long) LONG_BB.get(p3, a3 + i);
      // Delta swaps (as in the shuffle): bytes between r0/r1 and r2/r3, then 16-bit halves.
      long x = ((r0 >>> 8) ^ r1) & M8;
      long t0 = r0 ^ (x << 8);
      long t1 = r1 ^ x;
      x = ((r2 >>> 8) ^ r3) & M8;
      long t2 = r2 ^ (x << 8);
      long t3 = r3 ^ x;
      long y = ((t0 >>> 16) ^ t2) & M16;
      long z = ((t1 >>> 16) ^ t3) & M16;
      long e0 = t0 ^ (y << 16);
      long e1 = t1 ^ (z << 16);
      long e2 = t2 ^ y;
      long e3 = t3 ^ z;
      int o = at + i;
      dst[o] = Float.intBitsToFloat((int) e0);
      dst[o + 1] = Float.intBitsToFloat((int) e1);
      dst[o + 2] = Float.intBitsToFloat((int) e2);
      dst[o + 3] = Float.intBitsToFloat((int) e3);
      dst[o + 4] = Float.intBitsToFloat((int) (e0 >>> 32));
      dst[o + 5] = Float.intBitsToFloat((int) (e1 >>> 32));
      dst[o + 6] = Float.intBitsToFloat((int) (e2 >>> 32));
      dst[o + 7] = Float.intBitsToFloat((int) (e3 >>> 32));
    }
    for (; i < take; i++) {
      dst[at + i] = Float.intBitsToFloat(
          (p0.get(a0 + i) & 0xFF) | (p1.get(a1 + i) & 0xFF) << 8 | (p2.get(a2 + i) & 0xFF) << 16 | (p3.get(a3 + i) & 0xFF) << 24);
    }
  }

  /** Byte shuffle of one block: byte k of every element goes to stream k; a partial element stays at the end. */
  static void shuffle(int typesize, int blocksize, byte[] src, int srcOff, byte[] dst) {
    int n = blocksize / typesize;
    if (typesize == 4) {
      for (int i = 0; i < n; i++) {
        int v = (int) INT_LE.get(src, srcOff + 4 * i);
        dst[i] = (byte) v;
        dst[n + i] = (byte) (v >>> 8);
        dst[2 * n + i] = (byte) (v >>> 16);
        dst[3 * n + i] = (byte) (v >>> 24);
      }
    } else {
      for (int k = 0; k < typesize; k++) {
        int base = k * n;
        for (int i = 0; i < n; i++) {
          dst[base + i] = src[srcOff + i * typesize + k];
        }
      }
    }
    int done = n * typesize;
    System.arraycopy(src, srcOff + done, dst, done, blocksize - done);
  }

  /** Inverse of {@link #shuffle}, into {@code dst} at {@code dstOff}. */
  static void unshuffle(int typesize, int blocksize, byte[] src, byte[] dst, int dstOff) {
    int n = blocksize / typesize;
    if (typesize == 4) {
      for (int i = 0; i < n; i++) {
        int v = (src[i] & 0xFF) | (src[n + i] & 0xFF) << 8 | (src[2 * n + i] & 0xFF) << 16 | (src[3 * n + i] & 0xFF) << 24;
        INT_LE.set(dst, dstOff + 4 * i, v);
      }
    } else {
      for (int k = 0; k < typesize; k++) {
        int base = k * n;
        for (int i = 0; i < n; i++) {
          dst[dstOff + i * typesize + k] = src[base + i];
        }
      }
    }
    int done = n * typesize;
    System.arraycopy(src, done, dst, dstOff + done, blocksize - done);
  }

  /**
   * Runs block tasks on a bounded pool with the caller taking part (see {@link
   * io.trajstream.zarr.ParallelTasks}: when a call ends, no block task of it still reads the frame or
   * writes the output).
   */
  static final class Parallel {
    private Parallel() {}

    static void run(int n, ExecutorService pool, int threads, io.trajstream.zarr.ParallelTasks.Task task) throws IOException {
      io.trajstream.zarr.ParallelTasks.run(n, threads, pool, task);
    }
  }
}
