package io.trajstream.h5md.codec;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * HDF5 filter 32008 (bitshuffle). Client data: major, minor, element size, block size in elements
 * (0: automatic), compression (0 none, 2 lz4, 3 zstd). Compressed chunks start with an 8-byte
 * big-endian total size and a 4-byte big-endian block size in bytes; each block then carries a
 * 4-byte big-endian compressed size. Bytes past the last multiple of 8 elements are stored raw.
 */
public final class BitshuffleFilter implements ChunkFilter {
  /** LZ4's decompressor, made on first use: loading LZ4's native library costs every run that opens a file otherwise. */
  private static final class Lz4 {
    static final LZ4SafeDecompressor SAFE = LZ4Factory.fastestInstance().safeDecompressor();
  }
  private static final int TARGET_BLOCK_BYTES = 8192;
  private static final int MIN_BLOCK = 128;

  @Override
  public byte[] decode(byte[] in, int[] cd, int expectedSize) throws FilterFailure {
    int es = cd.length > 2 && cd[2] > 0 ? cd[2] : 1;
    int blockElems = cd.length > 3 ? cd[3] : 0;
    int compression = cd.length > 4 ? cd[4] : 0;
    int ip = 0;
    int total;
    if (compression == 2 || compression == 3) {
      long t = Bytes.u64be(in, 0);
      int blockBytes = Bytes.i32be(in, 8);
      if (t < 0 || t > Integer.MAX_VALUE || blockBytes <= 0) {
        throw new FilterFailure("bitshuffle header is corrupt");
      }
      ChunkFilter.checkDeclared("bitshuffle header", t, expectedSize);
      total = (int) t;
      blockElems = blockBytes / es;
      ip = 12;
    } else if (compression == 0) {
      total = in.length;
    } else {
      throw new FilterFailure("bitshuffle compression " + compression + " is not supported");
    }
    if (blockElems == 0) {
      blockElems = Math.max(MIN_BLOCK, (TARGET_BLOCK_BYTES / es) / 8 * 8);
    }
    if (blockElems <= 0 || blockElems % 8 != 0) {
      throw new FilterFailure("bitshuffle block size " + blockElems + " is not a positive multiple of 8");
    }
    byte[] out = new byte[total];
    int elems = total / es;
    int op = 0;
    int done = 0;
    while (done + 8 <= elems) {
      int n = Math.min(blockElems, elems - done);
      n -= n % 8;
      int nbytes = n * es;
      byte[] block;
      int boff;
      if (compression == 0) {
        if (nbytes > in.length - ip) {
          throw new FilterFailure("bitshuffle chunk is truncated");
        }
        block = in;
        boff = ip;
        ip += nbytes;
      } else {
        int csize = Bytes.i32be(in, ip);
        ip += 4;
        if (csize < 0 || csize > in.length - ip) {
          throw new FilterFailure("bitshuffle block passes the end of the chunk");
        }
        block = new byte[nbytes];
        boff = 0;
        try {
          if (compression == 2) {
            int got = Lz4.SAFE.decompress(in, ip, csize, block, 0, nbytes);
            if (got != nbytes) {
              throw new FilterFailure("bitshuffle lz4 block decoded to " + got + " bytes, expected " + nbytes);
            }
          } else {
            long got = Zstd.decompressByteArray(block, 0, nbytes, in, ip, csize);
            if (got != nbytes) {
              throw new FilterFailure("bitshuffle zstd block decoded to " + got + " bytes, expected " + nbytes);
            }
          }
        } catch (LZ4Exception | com.github.luben.zstd.ZstdException e) {
          throw new FilterFailure("corrupt bitshuffle block: " + e.getMessage(), e);
        }
        ip += csize;
      }
      if (boff + nbytes > block.length) {
        throw new FilterFailure("bitshuffle chunk is truncated");
      }
      untranspose(block, boff, out, op, n, es);
      op += nbytes;
      done += n;
    }
    int rest = total - op;
    if (rest > in.length - ip) {
      throw new FilterFailure("bitshuffle chunk is truncated");
    }
    System.arraycopy(in, ip, out, op, rest);
    return out;
  }

  /**
   * Undoes the bit transpose of {@code n} elements (a multiple of 8) of {@code es} bytes: row {@code
   * byte*8+bit} holds that bit of every element, element {@code i} at bit {@code i%8} of byte {@code
   * i/8} of the row.
   */
  static void untranspose(byte[] in, int ioff, byte[] out, int ooff, int n, int es) {
    int rowBytes = n / 8;
    for (int b = 0; b < es; b++) {
      for (int k = 0; k < 8; k++) {
        int row = ioff + (b * 8 + k) * rowBytes;
        int bit = 1 << k;
        for (int m = 0; m < rowBytes; m++) {
          int v = in[row + m] & 0xff;
          if (v == 0) {
            continue;
          }
          int e = ooff + (m * 8) * es + b;
          for (int j = 0; j < 8; j++, e += es) {
            if ((v >>> j & 1) != 0) {
              out[e] |= (byte) bit;
            }
          }
        }
      }
    }
  }

  /** The forward transpose of one block; for tests. */
  static void transpose(byte[] in, int ioff, byte[] out, int ooff, int n, int es) {
    int rowBytes = n / 8;
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < es; b++) {
        int v = in[ioff + i * es + b] & 0xff;
        for (int k = 0; k < 8; k++) {
          if ((v >>> k & 1) != 0) {
            out[ooff + (b * 8 + k) * rowBytes + i / 8] |= (byte) (1 << (i % 8));
          }
        }
      }
    }
  }
}
