package io.trajstream.store;

/**
 * How {@link StoreInput#readVectored} merges nearby ranges: ranges whose gap is at most
 * {@code maxGap} bytes are fetched as one request as long as the merged request stays below
 * {@code maxMergedSize} bytes.
 */
public record VectoredReadOptions(int maxGap, int maxMergedSize) {
  /** 64 KiB gap, 16 MiB cap. */
  public static final VectoredReadOptions DEFAULT = new VectoredReadOptions(64 * 1024, 16 * 1024 * 1024);
  /** Never merge: one request per range. */
  public static final VectoredReadOptions NO_MERGE = new VectoredReadOptions(-1, 0);

  public VectoredReadOptions {
    if (maxMergedSize < 0) {
      throw new IllegalArgumentException("maxMergedSize < 0");
    }
  }
}
