package io.trajstream.h5md.codec;

/**
 * One HDF5 filter's decoding step: turns the bytes a filter wrote back into its input. Instances are
 * stateless and thread-safe.
 */
public interface ChunkFilter {
  /**
   * Decodes one chunk.
   *
   * @param in the encoded bytes
   * @param clientData the filter's parameters from the dataset's filter pipeline
   * @param expectedSize the decoded size of the chunk (its full shape times the element size), or 0
   *     or less when unknown; a filter's output may not exceed {@link #outputLimit}
   * @return the decoded bytes
   * @throws FilterFailure when the bytes are corrupt (checksum mismatch, truncated stream) or would
   *     decode to more than {@link #outputLimit} bytes
   */
  byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure;

  /**
   * The most bytes a filter may produce for a chunk of {@code expectedSize} decoded bytes: the
   * chunk plus room for the checksums of filters applied before it. Sizes declared inside a stream
   * (an LZ4 or Blosc header, a zstd frame) are checked against it before anything is allocated,
   * and a stream that inflates past it fails instead of exhausting memory.
   */
  static int outputLimit(int expectedSize) {
    return expectedSize <= 0 ? Integer.MAX_VALUE - 8 : (int) Math.min(Integer.MAX_VALUE - 8, expectedSize + 64L);
  }

  /** Fails when a size a stream declares exceeds the limit for {@code expectedSize}. */
  static void checkDeclared(String what, long declared, int expectedSize) throws FilterFailure {
    if (declared > outputLimit(expectedSize)) {
      throw new FilterFailure(what + " declares " + declared + " decoded bytes, more than the chunk's " + expectedSize);
    }
  }
}
