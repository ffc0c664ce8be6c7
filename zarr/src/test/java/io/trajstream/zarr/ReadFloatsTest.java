package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.trajstream.store.MemoryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ZarrArray#readFloats} (in-place decoding into the destination) equals {@link
 * ZarrArray#read} converted to floats, for every region shape, with and without the direct blosc
 * path (lz4 shuffled, lz4 unshuffled, memcpy'ed, zstd, another dtype, F order, a filter).
 */
class ReadFloatsTest {
  @Test
  void readFloatsEqualsReadForEveryCodecAndRegion() throws IOException {
    List<Object[]> variants = List.of(
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 0, "blocksize", 0), List.of()},
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 0, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 4096), List.of()},
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "zstd", "clevel", 3, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {">f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {"<f8", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {"<f4", 'F', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0), List.of()},
        new Object[] {"<f4", 'C', Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0),
            List.of(Map.of("id", "quantize", "digits", 3, "dtype", "<f4"))});
    int[][] chunkShapes = {{7, 300, 3}, {7, 100, 3}, {64, 300, 3}};
    for (Object[] v : variants) {
      for (int[] chunks : chunkShapes) {
        DataType t = DataType.parse((String) v[0]);
        MemoryStore store = new MemoryStore();
        ZarrHierarchy h = ZarrHierarchy.create(store);
        long[] shape = {50, 300, 3};
        @SuppressWarnings("unchecked")
        ArrayMetadata meta = new ArrayMetadata(shape, chunks, t, 0.0, (Character) v[1], ".",
            (Map<String, Object>) v[2], (List<Map<String, Object>>) v[3]);
        ZarrArray a = ZarrArray.create(h, "x", meta, null);
        Random r = new Random(7);
        float[] values = new float[50 * 300 * 3];
        float x = 0;
        for (int i = 0; i < values.length; i++) {
          x += (float) r.nextGaussian();
          values[i] = x;
        }
        a.write(new long[3], new int[] {50, 300, 3}, t.fromFloats(values, 0, values.length));
        String what = Arrays.toString(v) + " chunks " + Arrays.toString(chunks);
        long[][] starts = {{0, 0, 0}, {0, 0, 0}, {3, 0, 0}, {7, 0, 0}, {10, 17, 1}, {49, 0, 0}, {0, 0, 0}};
        int[][] counts = {{50, 300, 3}, {20, 300, 3}, {30, 300, 3}, {14, 300, 3}, {20, 200, 2}, {1, 300, 3}, {50, 100, 3}};
        for (int k = 0; k < starts.length; k++) {
          int n = counts[k][0] * counts[k][1] * counts[k][2];
          ByteBuffer raw = a.read(starts[k], counts[k]);
          float[] expected = t.toFloats(raw, n);
          float[] actual = new float[n + 10];
          Arrays.fill(actual, -1f);
          a.readFloats(starts[k], counts[k], actual, 5);
          assertArrayEquals(expected, Arrays.copyOfRange(actual, 5, 5 + n), what + " region " + k);
          assertArrayEquals(new float[] {-1, -1, -1, -1, -1}, Arrays.copyOfRange(actual, 0, 5), what + " before " + k);
          assertArrayEquals(new float[] {-1, -1, -1, -1, -1}, Arrays.copyOfRange(actual, 5 + n, n + 10), what + " after " + k);
        }
      }
    }
  }
}
