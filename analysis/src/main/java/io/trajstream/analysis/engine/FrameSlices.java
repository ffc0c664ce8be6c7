package io.trajstream.analysis.engine;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.util.List;

/**
 * Cuts a block out of the reads that hold it: frames {@code [offset, offset+count)} of each read,
 * the fields of all reads joined into one {@link FrameBlock}. A read handed out whole is passed on
 * as it is, without a copy.
 */
final class FrameSlices {
  private FrameSlices() {}

  /**
   * The block of {@code count} frames starting at {@code offsets[g]} in {@code parts.get(g)}; the
   * parts hold the same frames and atoms and distinct fields.
   */
  static FrameBlock cut(List<FrameBlock> parts, int[] offsets, int count) {
    FrameBlock first = parts.get(0);
    if (parts.size() == 1 && offsets[0] == 0 && count == first.frameCount()) {
      return first;
    }
    int base = offsets[0];
    int[] frames = new int[count];
    for (int i = 0; i < count; i++) {
      frames[i] = first.frame(base + i);
    }
    FrameBlock.Builder b = FrameBlock.builder(frames, first.atoms());
    for (int i = 0; i < count; i++) {
      b.step(i, first.step(base + i));
      b.time(i, first.time(base + i));
    }
    for (int g = 0; g < parts.size(); g++) {
      FrameBlock part = parts.get(g);
      int off = offsets[g];
      for (Field f : part.fields()) {
        copy(part, f, off, count, b);
      }
    }
    return b.build();
  }

  private static void copy(FrameBlock part, Field f, int off, int count, FrameBlock.Builder b) {
    float[] src = part.values(f);
    int w = f.valuesPerFrame(part.atomCount());
    boolean all = true;
    for (int i = 0; i < count && all; i++) {
      all = part.has(f, off + i);
    }
    if (all && count > 0) {
      System.arraycopy(src, off * w, b.arrayForAllFrames(f), 0, count * w);
      return;
    }
    b.declare(f);
    for (int i = 0; i < count; i++) {
      if (part.has(f, off + i)) {
        b.set(f, i, src, (off + i) * w);
      }
    }
  }
}
