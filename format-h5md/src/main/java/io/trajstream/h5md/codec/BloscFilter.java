package io.trajstream.h5md.codec;

import com.scalableminds.bloscjava.Blosc;

/**
 * HDF5 filter 32001 (Blosc): each chunk is one Blosc frame, which describes itself. The native
 * decoder trusts the frame's header, so the header is checked first: the frame holds the bytes it
 * says, and it decodes to no more than the chunk holds.
 */
public final class BloscFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    if (in.length < 16) {
      throw new FilterFailure("blosc frame of " + in.length + " bytes is shorter than its header");
    }
    // header: version, versionlz, flags, typesize, then little-endian nbytes, blocksize, cbytes
    long nbytes = (in[4] & 0xffL) | (in[5] & 0xffL) << 8 | (in[6] & 0xffL) << 16 | (in[7] & 0xffL) << 24;
    long cbytes = (in[12] & 0xffL) | (in[13] & 0xffL) << 8 | (in[14] & 0xffL) << 16 | (in[15] & 0xffL) << 24;
    ChunkFilter.checkDeclared("blosc header", nbytes, expectedSize);
    if (cbytes > in.length) {
      throw new FilterFailure("blosc header says " + cbytes + " compressed bytes, the chunk has " + in.length);
    }
    try {
      return Blosc.decompress(in);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new FilterFailure("blosc: " + e.getMessage(), e);
    }
  }
}
