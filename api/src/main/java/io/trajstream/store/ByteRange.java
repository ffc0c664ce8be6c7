package io.trajstream.store;

/** A byte range {@code [offset, offset + length)} of one stored object. */
public record ByteRange(long offset, int length) implements Comparable<ByteRange> {
  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
  }

  /** The first byte after the range. */
  public long end() {
    return offset + length;
  }

  @Override
  public int compareTo(ByteRange o) {
    int c = Long.compare(offset, o.offset);
    return c != 0 ? c : Integer.compare(length, o.length);
  }
}
