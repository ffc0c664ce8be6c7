package io.trajstream.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plans vectored reads: sorts ranges, merges those closer than a gap (up to a size cap) into
 * {@link MergedRange}s, and remembers where each requested range sits inside its merged read.
 */
public final class RangeCoalescer {
  private RangeCoalescer() {}

  /** One request to the backend and the requested ranges it serves. */
  public record MergedRange(long offset, int length, int[] members) {
    public long end() {
      return offset + length;
    }
  }

  /** Merges {@code ranges}; {@code members} of each result index into {@code ranges}. */
  public static List<MergedRange> plan(List<ByteRange> ranges, VectoredReadOptions options) {
    Integer[] order = new Integer[ranges.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(ranges::get));
    List<MergedRange> merged = new ArrayList<>();
    int i = 0;
    while (i < order.length) {
      ByteRange first = ranges.get(order[i]);
      long start = first.offset();
      long end = first.end();
      int j = i + 1;
      while (j < order.length) {
        ByteRange next = ranges.get(order[j]);
        long newEnd = Math.max(end, next.end());
        boolean close = next.offset() - end <= options.maxGap();
        if (!close || newEnd - start > Math.max(options.maxMergedSize(), end - start)) {
          break;
        }
        end = newEnd;
        j++;
      }
      int[] members = new int[j - i];
      for (int k = i; k < j; k++) {
        members[k - i] = order[k];
      }
      if (end - start > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("range larger than 2 GiB at offset " + start);
      }
      merged.add(new MergedRange(start, (int) (end - start), members));
      i = j;
    }
    return merged;
  }
}
