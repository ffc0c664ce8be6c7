package io.trajstream.analysis.engine;

import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans a run's reads and blocks ({@link BlockPlan}). A read never cuts a storage chunk: it holds
 * whole chunks, as many as keep it near the target size (at least one, however large), so each
 * chunk is fetched and decoded once. Blocks are then cut from the reads: at every read boundary of
 * every field group, and inside a read when it is longer than a block may be, so that a chunk larger
 * than a block is read once and its frames handed out in pieces.
 */
public final class BlockPlanner {
  private BlockPlanner() {}

  /**
   * The chunk structure of one field group over the run's positions.
   *
   * @param fields the fields read together
   * @param joined positions p whose frame shares a chunk with the frame at p-1 (no read may start there)
   * @param chunkStarts positions whose frame is the first of its chunk in the run
   * @param unsampled positions where nothing is fetched for these fields
   * @param chunkBytes bytes decoded per chunk (all atoms)
   * @param frameBytes bytes per frame (all atoms), the cost of a position outside any chunk
   */
  record Layout(Set<Field> fields, BitSet joined, BitSet chunkStarts, BitSet unsampled, long chunkBytes,
      long frameBytes) {
    /** The layout of a field whose position p lies in chunk {@code ids[p]} (-1: none). */
    static Layout of(Set<Field> fields, long[] ids, long chunkBytes, long frameBytes) {
      int n = ids.length;
      BitSet joined = new BitSet(n);
      BitSet starts = new BitSet(n);
      BitSet unsampled = new BitSet(n);
      int lastPos = -1;
      long lastId = -1;
      for (int p = 0; p < n; p++) {
        long id = ids[p];
        if (id < 0) {
          unsampled.set(p);
          continue;
        }
        if (lastPos >= 0 && id == lastId) {
          joined.set(lastPos + 1, p + 1);
        } else {
          starts.set(p);
        }
        lastPos = p;
        lastId = id;
      }
      return new Layout(fields, joined, starts, unsampled, chunkBytes, frameBytes);
    }

    /** Fields without stored chunks: any cut is free, every position costs {@code frameBytes}. */
    static Layout unchunked(Set<Field> fields, int n, long frameBytes) {
      BitSet unsampled = new BitSet(n);
      unsampled.set(0, n);
      return new Layout(fields, new BitSet(n), new BitSet(n), unsampled, 0, frameBytes);
    }

    /** Whether {@code other}'s chunks start and join at the same positions as these. */
    boolean sameChunks(Layout other) {
      return joined.equals(other.joined) && chunkStarts.equals(other.chunkStarts) && unsampled.equals(other.unsampled);
    }

    /** This layout with {@code other}'s fields read along (same chunk positions). */
    Layout with(Layout other) {
      Set<Field> fs = EnumSet.copyOf(fields);
      fs.addAll(other.fields);
      return new Layout(fs, joined, chunkStarts, unsampled, chunkBytes + other.chunkBytes, frameBytes + other.frameBytes);
    }

    /** This layout with {@code more} fields that fetch nothing read along. */
    Layout plus(Set<Field> more) {
      Set<Field> fs = EnumSet.copyOf(fields);
      fs.addAll(more);
      return new Layout(fs, joined, chunkStarts, unsampled, chunkBytes, frameBytes);
    }
  }

  /**
   * How large reads and blocks may be.
   *
   * @param readBytes target decoded bytes per read (reads hold at least one chunk)
   * @param minReads reads wanted at least per group (to keep the I/O threads busy), as far as chunks allow
   * @param chunksPerRead chunks per read when positive (then {@code readBytes} and {@code minReads} are unused)
   * @param maxBlockFrames most frames per block
   */
  record Sizing(long readBytes, int minReads, int chunksPerRead, int maxBlockFrames) {}

  /**
   * Plans a run of {@code options} over {@code reader} reading {@code fields}: with {@link
   * RunOptions#chunksPerBlock()} given, reads of that many chunks, handed out whole; otherwise reads
   * near {@link RunOptions#blockBytes()} of decoded frames (all atoms, as chunks hold them), and
   * blocks no larger than that and small enough that every compute thread gets several.
   */
  public static BlockPlan plan(TrajectoryReader reader, Set<Field> fields, RunOptions options) {
    TrajectoryInfo info = reader.info();
    FrameRange range = options.frames(info.frames());
    List<Layout> layouts = layouts(reader, fields, range);
    int n = range.size();
    Sizing sizing;
    if (options.chunksPerBlock() > 0) {
      sizing = new Sizing(Long.MAX_VALUE, 1, options.chunksPerBlock(), Integer.MAX_VALUE);
    } else {
      long frameBytes = Math.max(1, bytesPerFrame(fields, info.atoms()));
      long bySize = Math.max(1, options.blockBytes() / frameBytes);
      long byThreads = Math.max(1, n / (4L * options.threads()));
      int maxBlock = (int) Math.min(Integer.MAX_VALUE, Math.min(bySize, byThreads));
      sizing = new Sizing(options.blockBytes(), 2 * options.ioThreads(), 0, maxBlock);
    }
    return plan(range, layouts, sizing, partCuts(info, range));
  }

  /**
   * Positions of the run where a new part of a chained trajectory begins ({@link
   * TrajectoryInfo#partStarts()}): no read and no block spans one of them.
   */
  static BitSet partCuts(TrajectoryInfo info, FrameRange range) {
    BitSet cuts = new BitSet(range.size());
    if (info.parts() < 2 || range.size() == 0) {
      return cuts;
    }
    int previous = info.partOf(range.frame(0));
    for (int p = 1; p < range.size(); p++) {
      int part = info.partOf(range.frame(p));
      if (part != previous) {
        cuts.set(p);
        previous = part;
      }
    }
    return cuts;
  }

  /** Decoded bytes per frame of {@code fields} for {@code atoms} atoms. */
  static long bytesPerFrame(Set<Field> fields, int atoms) {
    long b = 0;
    for (Field f : fields) {
      b += 4L * f.valuesPerFrame(atoms);
    }
    return b;
  }

  /**
   * Groups {@code fields} by where their chunks start among the run's frames; fields with nothing
   * to fetch join the first group.
   */
  static List<Layout> layouts(TrajectoryReader reader, Set<Field> fields, FrameRange range) {
    TrajectoryInfo info = reader.info();
    int n = range.size();
    List<Layout> out = new ArrayList<>();
    Set<Field> free = EnumSet.noneOf(Field.class);
    for (Field f : fields) {
      long[] ids = new long[n];
      boolean any = false;
      for (int p = 0; p < n; p++) {
        ids[p] = reader.storageChunk(f, range.frame(p));
        any |= ids[p] >= 0;
      }
      long frameBytes = 4L * f.valuesPerFrame(info.atoms());
      if (!any) {
        free.add(f);
        continue;
      }
      long chunkBytes = frameBytes * Math.max(1, info.framesPerChunk(f));
      Layout l = Layout.of(EnumSet.of(f), ids, chunkBytes, frameBytes);
      int same = -1;
      for (int g = 0; g < out.size() && same < 0; g++) {
        if (out.get(g).sameChunks(l)) {
          same = g;
        }
      }
      if (same < 0) {
        out.add(l);
      } else {
        out.set(same, out.get(same).with(l));
      }
    }
    if (out.isEmpty()) {
      long frameBytes = Math.max(1, bytesPerFrame(fields, info.atoms()));
      out.add(Layout.unchunked(fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields), n, frameBytes));
    } else if (!free.isEmpty()) {
      out.set(0, out.get(0).plus(free));
    }
    return out;
  }

  /** Plans the reads of each layout and the blocks over the {@code range.size()} positions of the run. */
  static BlockPlan plan(FrameRange range, List<Layout> layouts, Sizing sizing) {
    return plan(range, layouts, sizing, new BitSet());
  }

  /** As {@link #plan(FrameRange, List, Sizing)}, never reading across a position of {@code partCuts}. */
  static BlockPlan plan(FrameRange range, List<Layout> layouts, Sizing sizing, BitSet partCuts) {
    int n = range.size();
    List<Set<Field>> groups = new ArrayList<>();
    List<List<Span>> spans = new ArrayList<>();
    TreeSet<Integer> cuts = new TreeSet<>();
    for (Layout l : layouts) {
      groups.add(l.fields());
      List<Span> s = n == 0 ? List.of() : reads(l, n, sizing, partCuts);
      spans.add(s);
      for (Span r : s) {
        cuts.add(r.from());
      }
    }
    cuts.add(n);
    // blocks: between consecutive cuts, in near-equal pieces of at most maxBlockFrames
    List<int[]> blockSpans = new ArrayList<>();
    Integer a = cuts.first();
    for (Integer b : cuts.tailSet(a, false)) {
      int len = b - a;
      int pieces = (int) Math.max(1, (len + (long) sizing.maxBlockFrames() - 1) / sizing.maxBlockFrames());
      for (int k = 0; k < pieces; k++) {
        int from = a + (int) ((long) len * k / pieces);
        int to = a + (int) ((long) len * (k + 1) / pieces);
        blockSpans.add(new int[] {from, to});
      }
      a = b;
    }
    List<BlockPlan.Block> blocks = new ArrayList<>();
    int[] at = new int[layouts.size()];
    int[][] last = new int[layouts.size()][];
    for (int g = 0; g < layouts.size(); g++) {
      last[g] = new int[spans.get(g).size()];
    }
    for (int i = 0; i < blockSpans.size(); i++) {
      int[] s = blockSpans.get(i);
      List<Integer> readIdx = new ArrayList<>(layouts.size());
      for (int g = 0; g < layouts.size(); g++) {
        List<Span> rs = spans.get(g);
        while (rs.get(at[g]).to() <= s[0]) {
          at[g]++;
        }
        readIdx.add(at[g]);
        last[g][at[g]] = i;
      }
      blocks.add(new BlockPlan.Block(s[0], s[1], frames(range, s[0], s[1]), List.copyOf(readIdx)));
    }
    List<List<BlockPlan.Read>> reads = new ArrayList<>();
    for (int g = 0; g < layouts.size(); g++) {
      List<BlockPlan.Read> rs = new ArrayList<>();
      List<Span> s = spans.get(g);
      for (int r = 0; r < s.size(); r++) {
        Span sp = s.get(r);
        rs.add(new BlockPlan.Read(sp.from(), sp.to(), frames(range, sp.from(), sp.to()), last[g][r], sp.bytes()));
      }
      reads.add(rs);
    }
    return new BlockPlan(range, groups, reads, blocks);
  }

  private static FrameRange frames(FrameRange range, int from, int to) {
    return new FrameRange(range.frame(from), range.frame(to - 1) + 1, range.step());
  }

  /** Positions {@code [from, to)} read together, and the bytes they decode. */
  private record Span(int from, int to, long bytes) {}

  /** The reads of one layout: whole segments (runs of positions that share chunks), packed greedily. */
  private static List<Span> reads(Layout l, int n, Sizing sizing, BitSet partCuts) {
    long target = sizing.readBytes();
    if (sizing.chunksPerRead() == 0 && sizing.minReads() > 1) {
      long total = 0;
      for (int p = 0; p < n; ) {
        int q = segmentEnd(l, p, n);
        total += cost(l, p, q);
        p = q;
      }
      target = Math.min(target, Math.max(1, total / sizing.minReads()));
    }
    List<Span> out = new ArrayList<>();
    int from = 0;
    long bytes = 0;
    long chunks = 0;
    for (int p = 0; p < n; ) {
      int q = segmentEnd(l, p, n);
      int cut = partCuts.nextSetBit(p + 1);
      if (cut > 0 && cut < q) {
        q = cut;
      }
      long segBytes = cost(l, p, q);
      long segChunks = Math.max(1, l.chunkStarts().get(p, q).cardinality());
      boolean full = partCuts.get(p) || (sizing.chunksPerRead() > 0
          ? chunks + segChunks > sizing.chunksPerRead()
          : bytes + segBytes > target);
      if (p > from && full) {
        out.add(new Span(from, p, bytes));
        from = p;
        bytes = 0;
        chunks = 0;
      }
      bytes += segBytes;
      chunks += segChunks;
      p = q;
    }
    out.add(new Span(from, n, bytes));
    return out;
  }

  /** End of the segment starting at {@code p}: the next position that may start a read. */
  private static int segmentEnd(Layout l, int p, int n) {
    int q = l.joined().nextClearBit(p + 1);
    return Math.min(q, n);
  }

  /** Decoded bytes of positions {@code [p, q)}: their chunks, and the frames outside any chunk. */
  private static long cost(Layout l, int p, int q) {
    long chunks = l.chunkStarts().get(p, q).cardinality();
    long loose = l.unsampled().get(p, q).cardinality();
    return chunks * l.chunkBytes() + loose * l.frameBytes();
  }
}
