package io.trajstream.h5md.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * HDF5 filter 32015 (Zstandard): each chunk is one zstd frame, which decodes to at most {@link
 * ChunkFilter#outputLimit} bytes.
 */
public final class ZstdFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    int limit = ChunkFilter.outputLimit(expectedSize);
    try {
      long size = Zstd.getFrameContentSize(in);
      if (size > 0) {
        ChunkFilter.checkDeclared("zstd frame", size, expectedSize);
        byte[] out = Zstd.decompress(in, (int) size);
        if (out.length != size) {
          throw new FilterFailure("zstd frame decoded to " + out.length + " bytes, its header says " + size);
        }
        return out;
      }
      try (ZstdInputStream z = new ZstdInputStream(new ByteArrayInputStream(in))) {
        byte[] out = z.readNBytes(limit);
        if (z.read() >= 0) {
          throw new FilterFailure("zstd frame decodes to more than the chunk's " + expectedSize + " bytes");
        }
        return out;
      }
    } catch (IOException | RuntimeException e) {
      throw new FilterFailure("zstd: " + e.getMessage(), e);
    }
  }
}
