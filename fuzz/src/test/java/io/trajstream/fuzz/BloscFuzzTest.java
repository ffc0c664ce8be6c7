package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trajstream.format.FormatException;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import io.trajstream.zarr.ArrayMetadata;
import io.trajstream.zarr.DataType;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Any bytes as the stored chunk of a one-dimensional Zarr array with a Blosc compressor, read as
 * bytes (the Blosc container decoder) and as floats (the decoder that writes straight into the
 * caller's floats). The chunk's elements, or an error naming the store and array.
 *
 * <p>Input: element type ({@link Header#DTYPES}, byte), elements per chunk (3 bytes), then the
 * Blosc frame.
 */
class BloscFuzzTest {
  private static final String ROOT = "mem://fuzz/blosc.zarr/";
  private static final Map<String, Object> BLOSC = Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1);
  /** Elements per chunk are kept below 2^20 so that one input cannot ask for more than 8 MiB. */
  private static final int ELEMENTS_MASK = (1 << 20) - 1;

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void decodeBloscChunk(byte[] input) throws IOException {
    Header h = new Header(input);
    DataType type = DataType.parse(h.dtype());
    int elements = Math.max(1, h.u24() & ELEMENTS_MASK);
    MemoryStore store = new MemoryStore(ROOT);
    store.write("value/0", ByteBuffer.wrap(h.rest()));
    ZarrArray array = ZarrArray.define(ZarrHierarchy.create(store), "value",
        ArrayMetadata.of(new long[] {elements}, new int[] {elements}, type, null, BLOSC));
    try {
      array.readChunk(new long[] {0});
    } catch (FormatException e) {
      Allowed.formatError(e, ROOT);
    } catch (StoreException e) {
      Allowed.storeError(e, ROOT);
    }
    try {
      array.readFloats(new long[] {0}, new int[] {elements}, new float[elements], 0);
    } catch (FormatException e) {
      Allowed.formatError(e, ROOT);
    } catch (StoreException e) {
      Allowed.storeError(e, ROOT);
    }
  }
}
