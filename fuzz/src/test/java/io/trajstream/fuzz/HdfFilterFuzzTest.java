package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trajstream.format.FormatException;
import io.trajstream.h5md.read.ChunkDecoder;
import io.trajstream.h5md.read.DecodeContext;
import io.trajstream.h5md.read.Decoded;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.DataKind;
import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any bytes as one stored chunk behind any pipeline of our HDF5 filter decoders (deflate, shuffle,
 * fletcher32, lzf, blosc, lz4, bitshuffle, zstd, and an unknown id), decoded as the reader does and
 * consumed as a sink does. The decoded elements, or an error naming the file and dataset.
 *
 * <p>Input: filter count (byte), per filter its number in {@link #FILTER_IDS} (byte), client data
 * count (byte) and values (4 bytes each); element type ({@link Header#DTYPES}, byte), elements per
 * chunk (3 bytes), filter mask (byte); then the stored chunk.
 */
class HdfFilterFuzzTest {
  /** HDF5 filter ids by number; the last one is not a filter we decode. */
  static final int[] FILTER_IDS = {1, 2, 3, 32000, 32001, 32004, 32008, 32015, 32017};
  private static final String FILE = "mem://fuzz/traj.h5md";
  private static final String DATASET = "particles/trajectory/position/value";
  private static final int MAX_FILTERS = 4;
  private static final int MAX_CLIENT_DATA = 8;
  /** Elements per chunk are kept below 2^20 so that one input cannot ask for more than 8 MiB. */
  private static final int ELEMENTS_MASK = (1 << 20) - 1;

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void decodeChunk(byte[] input) {
    Header h = new Header(input);
    int n = Math.min(h.u8(), MAX_FILTERS);
    List<FilterSpec> filters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = FILTER_IDS[h.u8() % FILTER_IDS.length];
      int[] cd = new int[Math.min(h.u8(), MAX_CLIENT_DATA)];
      for (int k = 0; k < cd.length; k++) {
        cd[k] = h.i32();
      }
      filters.add(new FilterSpec(id, false, cd));
    }
    DataKind kind = DataKind.parse(h.dtype());
    int elements = h.u24() & ELEMENTS_MASK;
    int mask = h.u8();
    byte[] stored = h.rest();
    ChunkRef ref = ChunkRef.at(0, stored.length, mask);
    H5Dataset ds = new H5Dataset(DATASET, 1, Map.of(), new long[] {elements}, kind, new int[] {Math.max(1, elements)},
        false, filters, () -> Map.of(0L, ref));
    ChunkDecoder decoder = new ChunkDecoder(FILE);
    try (DecodeContext ctx = new DecodeContext()) {
      decoder.checkSupported(ds);
      Decoded decoded = decoder.decode(ds, ref, ByteBuffer.wrap(stored), (int) ds.chunkBytes(), ctx);
      consume(decoded, kind, elements);
    } catch (FormatException e) {
      Allowed.formatError(e, FILE);
    }
  }

  /** Takes every element of the chunk, as the reader's sinks do. */
  private static void consume(Decoded decoded, DataKind kind, int elements) {
    if (kind.kind() == 'f' && kind.size() == 4) {
      decoded.floatsTo(0, elements, new float[elements], 0);
      return;
    }
    ByteBuffer bytes = decoded.bytes();
    for (int i = 0; i < elements; i++) {
      kind.get(bytes, i);
    }
  }
}
