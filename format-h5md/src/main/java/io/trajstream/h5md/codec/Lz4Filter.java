package io.trajstream.h5md.codec;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * HDF5 filter 32004 (LZ4): an 8-byte big-endian total size, a 4-byte big-endian block size, then
 * per block a 4-byte big-endian compressed size and the LZ4 block (stored raw when it did not
 * shrink).
 */
public final class Lz4Filter implements ChunkFilter {
  /** LZ4's decompressor, made on first use: loading LZ4's native library costs every run that opens a file otherwise. */
  private static final class Lz4 {
    static final LZ4SafeDecompressor SAFE = LZ4Factory.fastestInstance().safeDecompressor();
  }

  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    if (in.length < 12) {
      throw new FilterFailure("lz4 chunk of " + in.length + " bytes is shorter than its header");
    }
    long total = Bytes.u64be(in, 0);
    int block = Bytes.i32be(in, 8);
    if (total < 0 || total > Integer.MAX_VALUE || block <= 0) {
      throw new FilterFailure("lz4 header is corrupt (total " + total + ", block " + block + ")");
    }
    ChunkFilter.checkDeclared("lz4 header", total, expectedSize);
    byte[] out = new byte[(int) total];
    int ip = 12;
    int op = 0;
    try {
      while (op < out.length) {
        int want = Math.min(block, out.length - op);
        int csize = Bytes.i32be(in, ip);
        ip += 4;
        if (csize < 0 || csize > in.length - ip) {
          throw new FilterFailure("lz4 block size " + csize + " passes the end of the chunk");
        }
        if (csize == want) {
          System.arraycopy(in, ip, out, op, want);
        } else {
          int got = Lz4.SAFE.decompress(in, ip, csize, out, op, want);
          if (got != want) {
            throw new FilterFailure("lz4 block decoded to " + got + " bytes, expected " + want);
          }
        }
        ip += csize;
        op += want;
      }
    } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
      throw new FilterFailure("corrupt lz4 block: " + e.getMessage(), e);
    }
    return out;
  }
}
