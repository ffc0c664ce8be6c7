package io.trajstream.h5md.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** HDF5 filter 32015 (Zstandard): each chunk is one zstd frame. */
public final class ZstdFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    try {
      long size = Zstd.getFrameContentSize(in);
      if (size > 0 && size < Integer.MAX_VALUE) {
        return Zstd.decompress(in, (int) size);
      }
      try (ZstdInputStream z = new ZstdInputStream(new ByteArrayInputStream(in))) {
        return z.readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      throw new FilterFailure("zstd: " + e.getMessage(), e);
    }
  }
}
