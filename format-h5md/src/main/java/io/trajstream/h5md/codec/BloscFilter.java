package io.trajstream.h5md.codec;

import com.scalableminds.bloscjava.Blosc;

/**
 * HDF5 filter 32001 (Blosc): each chunk is one Blosc frame, which describes itself. The native
 * decoder trusts the frame's header, so the header is checked first: the frame is as long as it
 * says, and it decodes to no more than the chunk holds.
 */
public final class BloscFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    if (in.length < 16) {
      throw new FilterFailure("blosc frame of " + in.length + " bytes is shorter than its header");
    }
    long nbytes = le32(in, 4);
    long cbytes = le32(in, 12);
    if (cbytes != in.length) {
      throw new FilterFailure("blosc header says the frame has " + cbytes + " bytes, the chunk has " + in.length);
    }
    if (nbytes > Filters.maxOutput(expectedSize)) {
      throw new FilterFailure("blosc header declares " + nbytes + " bytes, more than the chunk's " + expectedSize);
    }
    try {
      return Blosc.decompress(in);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new FilterFailure("blosc: " + e.getMessage(), e);
    }
  }

  private static long le32(byte[] b, int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
  }
}
