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
   * @param expectedSize the decoded chunk size at the end of the pipeline (0 or less: unknown). No
   *     step of a pipeline produces much more than that (see {@link Filters#maxOutput}): a filter
   *     fails rather than allocate or write beyond it, whatever sizes the stored bytes declare
   * @return the decoded bytes
   * @throws FilterFailure when the bytes are corrupt (checksum mismatch, truncated stream, more
   *     output than the chunk can hold)
   */
  byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure;
}
