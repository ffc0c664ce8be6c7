package io.trajstream.h5md.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * HDF5 filter 32015 (Zstandard): each chunk is one zstd frame, which decodes to at most {@link
 * Filters#maxOutput} bytes.
 */
public final class ZstdFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    int limit = Filters.maxOutput(expectedSize);
    byte[] out;
    try {
      long size = Zstd.getFrameContentSize(in);
      if (size > limit) {
        throw new FilterFailure("zstd frame declares " + size + " bytes, more than the chunk's " + expectedSize);
      }
      if (size > 0) {
        return Zstd.decompress(in, (int) size);
      }
      try (ZstdInputStream z = new ZstdInputStream(new ByteArrayInputStream(in))) {
        out = z.readNBytes(limit + 1);
      }
    } catch (IOException | RuntimeException e) {
      throw new FilterFailure("zstd: " + e.getMessage(), e);
    }
    if (out.length > limit) {
      throw new FilterFailure("zstd frame decodes to more than " + limit + " bytes, more than the chunk holds");
    }
    return out;
  }
}
