package io.trajstream.analysis.engine;

import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import java.util.List;
import java.util.Set;

/**
 * How a run reads its frames and hands them to the analysis. The fields read are split into groups
 * whose storage chunks start at the same frames (usually one group; box often has chunks of its own).
 * Each group's frames are read in {@link Read}s of whole storage chunks, so that every chunk is
 * fetched and decoded by one read only; the analysis gets {@link Block}s, consecutive runs of the
 * frames that each lie inside one read of every group. A read larger than a block is read once and
 * handed out as several blocks. Positions count the run's frames from 0 (frame {@code
 * frames().frame(p)}).
 */
public final class BlockPlan {
  private final FrameRange frames;
  private final List<Set<Field>> groups;
  private final List<List<Read>> reads;
  private final List<Block> blocks;

  BlockPlan(FrameRange frames, List<Set<Field>> groups, List<List<Read>> reads, List<Block> blocks) {
    this.frames = frames;
    this.groups = List.copyOf(groups);
    this.reads = reads.stream().map(List::copyOf).toList();
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Frames read together: positions {@code [from, to)} of the run, the index of the last block that
   * needs them, and the bytes the read decodes (its chunks, all atoms).
   */
  public record Read(int from, int to, FrameRange frames, int lastBlock, long bytes) {
    public int size() {
      return to - from;
    }
  }

  /** Frames handed to the analysis at once: positions {@code [from, to)}, and the read of each group holding them. */
  public record Block(int from, int to, FrameRange frames, List<Integer> reads) {
    public int size() {
      return to - from;
    }

    /** Index of the read of group {@code group} that holds this block. */
    public int read(int group) {
      return reads.get(group);
    }
  }

  /**
   * A run of consecutive blocks, {@code [firstBlock, endBlock)} at positions {@code [from, to)},
   * whose ends are read boundaries of the field group that decodes the most bytes (usually
   * positions): reading its frames with all fields at once fetches whole chunks of that group that
   * no other split needs. The unit of work a runner may hand to another machine ({@link #splits()}).
   */
  public record Split(int from, int to, FrameRange frames, int firstBlock, int endBlock) implements java.io.Serializable {
    public int size() {
      return to - from;
    }
  }

  /**
   * The splits, one per read of the group that decodes the most bytes, in frame order; they cover
   * every block once. With one field group, a split is one read. A chunk of another group (a box in
   * one chunk beside positions in many) may be fetched by several splits: cutting only where every
   * group's reads end could leave a single split for the whole run, with nothing to spread.
   */
  public List<Split> splits() {
    int major = 0;
    long most = -1;
    for (int g = 0; g < groups.size(); g++) {
      long bytes = reads.get(g).stream().mapToLong(Read::bytes).sum();
      if (bytes > most) {
        most = bytes;
        major = g;
      }
    }
    List<Split> out = new java.util.ArrayList<>();
    int first = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      boolean end = reads.get(major).get(b.read(major)).to() == b.to();
      if (end || i == blocks.size() - 1) {
        Block f = blocks.get(first);
        out.add(new Split(f.from(), b.to(), new FrameRange(f.frames().start(), b.frames().stop(), frames.step()), first, i + 1));
        first = i + 1;
      }
    }
    return out;
  }

  /** The sizes (frames) of blocks {@code [firstBlock, endBlock)} of {@code split}, in order. */
  public int[] blockSizes(Split split) {
    int[] sizes = new int[split.endBlock() - split.firstBlock()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = blocks.get(split.firstBlock() + i).size();
    }
    return sizes;
  }

  /** The frames of the run. */
  public FrameRange frames() {
    return frames;
  }

  /** The field groups; fields of one group are read together. */
  public List<Set<Field>> groups() {
    return groups;
  }

  /** The reads of group {@code group}, in frame order; they cover every position once. */
  public List<Read> reads(int group) {
    return reads.get(group);
  }

  /** The blocks, in frame order; they cover every position once. */
  public List<Block> blocks() {
    return blocks;
  }

  /** The most bytes any one read decodes. */
  public long largestRead() {
    long m = 0;
    for (List<Read> rs : reads) {
      for (Read r : rs) {
        m = Math.max(m, r.bytes());
      }
    }
    return m;
  }

  /** The blocks' frame ranges. */
  public List<FrameRange> blockRanges() {
    return blocks.stream().map(Block::frames).toList();
  }

  /** Index of the block holding position {@code p}. */
  public int blockAt(int p) {
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (blocks.get(mid).from() <= p) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Position of {@code frame} among the run's frames, or -1 when the run does not analyse it. */
  public int positionOf(int frame) {
    if (frame < frames.start() || frame >= frames.stop() || (frame - frames.start()) % frames.step() != 0) {
      return -1;
    }
    return (frame - frames.start()) / frames.step();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("BlockPlan[");
    for (int g = 0; g < groups.size(); g++) {
      sb.append(groups.get(g)).append(": ").append(reads.get(g).size()).append(" reads; ");
    }
    return sb.append(blocks.size()).append(" blocks]").toString();
  }
}
