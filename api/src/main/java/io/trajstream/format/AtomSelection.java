package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;

/** Which atoms to read: all of them, or a sorted set of 0-based indices. */
public final class AtomSelection implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final AtomSelection ALL = new AtomSelection(null);

  private final int[] indices;

  private AtomSelection(int[] indices) {
    this.indices = indices;
  }

  public static AtomSelection all() {
    return ALL;
  }

  /** The given indices, sorted and de-duplicated. */
  public static AtomSelection of(int... indices) {
    int[] s = Arrays.stream(indices).sorted().distinct().toArray();
    if (s.length > 0 && s[0] < 0) {
      throw new IllegalArgumentException("negative atom index " + s[0]);
    }
    return new AtomSelection(s);
  }

  /** Atoms {@code first..last}, both inclusive. */
  public static AtomSelection range(int first, int lastInclusive) {
    if (first < 0 || lastInclusive < first - 1) {
      throw new IllegalArgumentException("bad atom range " + first + ":" + lastInclusive);
    }
    int[] s = new int[lastInclusive - first + 1];
    for (int i = 0; i < s.length; i++) {
      s[i] = first + i;
    }
    return new AtomSelection(s);
  }

  public boolean isAll() {
    return indices == null;
  }

  /** The selected indices for a system of {@code atoms} atoms; checks they exist. */
  public int[] resolve(int atoms) {
    if (indices == null) {
      int[] all = new int[atoms];
      for (int i = 0; i < atoms; i++) {
        all[i] = i;
      }
      return all;
    }
    if (indices.length > 0 && indices[indices.length - 1] >= atoms) {
      throw new IndexOutOfBoundsException(
          "atom index " + indices[indices.length - 1] + " selected, trajectory has " + atoms + " atoms");
    }
    return indices.clone();
  }

  /** Number of selected atoms in a system of {@code atoms} atoms. */
  public int count(int atoms) {
    return indices == null ? atoms : indices.length;
  }

  /** Whether the selection is one run of consecutive indices. */
  public boolean isContiguous() {
    return indices == null || indices.length == 0 || indices[indices.length - 1] - indices[0] == indices.length - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AtomSelection a && Arrays.equals(a.indices, indices);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    if (indices == null) {
      return "all";
    }
    if (indices.length > 0 && isContiguous()) {
      return "index " + indices[0] + ":" + indices[indices.length - 1];
    }
    return "index " + Arrays.toString(indices);
  }
}
