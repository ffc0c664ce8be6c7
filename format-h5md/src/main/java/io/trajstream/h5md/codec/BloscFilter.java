package io.trajstream.h5md.codec;

import com.scalableminds.bloscjava.Blosc;

/** HDF5 filter 32001 (Blosc): each chunk is one Blosc frame, which describes itself. */
public final class BloscFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    if (in.length < 16) {
      throw new FilterFailure("blosc frame of " + in.length + " bytes is shorter than its header");
    }
    try {
      return Blosc.decompress(in);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new FilterFailure("blosc: " + e.getMessage(), e);
    }
  }
}
