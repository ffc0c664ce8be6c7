package io.trajstream.store;

/**
 * How {@link StoreInput#readVectored} turns requested ranges into requests: ranges whose gap is at
 * most {@code maxGap} bytes are fetched as one request as long as the merged request stays below
 * {@code maxMergedSize} bytes; a merged request longer than {@code partSize} is then fetched as
 * several ranged requests of at most {@code partSize} bytes in parallel, into one buffer (a single
 * request over a long path runs at one connection's rate; object stores reward many parallel
 * ranged requests). {@code partSize} 0 takes the input's own hint ({@link
 * StoreInput#preferredPartSize()}); a negative value never splits.
 */
public record VectoredReadOptions(int maxGap, int maxMergedSize, int partSize) {
  /** 64 KiB gap, 16 MiB cap, parts as the input prefers. */
  public static final VectoredReadOptions DEFAULT = new VectoredReadOptions(64 * 1024, 16 * 1024 * 1024, 0);
  /** Never merge: one request per range (still split into parts as the input prefers). */
  public static final VectoredReadOptions NO_MERGE = new VectoredReadOptions(-1, 0, 0);

  public VectoredReadOptions {
    if (maxMergedSize < 0) {
      throw new IllegalArgumentException("maxMergedSize < 0");
    }
  }

  /** Merging as given, parts as the input prefers. */
  public VectoredReadOptions(int maxGap, int maxMergedSize) {
    this(maxGap, maxMergedSize, 0);
  }

  /** The part size to use on {@code input}: this option's, else the input's hint; 0 means never split. */
  public int partSizeFor(StoreInput input) {
    if (partSize < 0) {
      return 0;
    }
    return partSize > 0 ? partSize : Math.max(0, input.preferredPartSize());
  }
}
