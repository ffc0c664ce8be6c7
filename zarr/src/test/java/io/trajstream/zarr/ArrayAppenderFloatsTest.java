package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.store.MemoryStore;
import io.trajstream.zarr.codec.BloscCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Appending floats (the path that builds blosc LZ4 frames while chunks fill) stores the same chunk
 * objects as encoding each whole chunk with the array's codecs, and reads back as written.
 */
class ArrayAppenderFloatsTest {
  @ParameterizedTest
  @CsvSource({
    "lz4, 1, 0.0, 1000, 17, 950", "lz4, 1, 2.5, 1000, 17, 950", "lz4, 0, 0.0, 1000, 17, 170", "lz4, 1, 0.0, 1000, 17, 5",
    "zstd, 1, 0.0, 1000, 17, 950", "lz4, 1, 0.0, 1, 40, 75"
  })
  void storesWhatTheCodecEncodes(String cname, int shuffle, double fill, int atoms, int chunkFrames, int frames) throws IOException {
    int width = atoms * 3;
    Random r = new Random(frames);
    float[] all = new float[frames * width];
    for (int i = 0; i < all.length; i++) {
      all[i] = (float) (i % 97 + r.nextGaussian());
    }
    Map<String, Object> compressor = new BloscCodec(cname, 5, shuffle, 0).config();
    ArrayMetadata meta = new ArrayMetadata(new long[] {0, atoms, 3}, new int[] {chunkFrames, atoms, 3}, DataType.FLOAT32, fill,
        'C', ".", compressor, List.of());
    MemoryStore store = new MemoryStore();
    ZarrHierarchy h = ZarrHierarchy.create(store);
    ArrayAppender a = ArrayAppender.create(h, "v", meta);
    int half = frames / 2;
    for (int f = 0; f < half; ) {
      int k = Math.min(half - f, 1 + r.nextInt(7));
      a.appendFloats(all, f * width, k);
      f += k;
    }
    ZarrArray first = a.finish();
    first.commitMetadata(null);
    // Resume (re-reading a partly filled last chunk), then append the rest, partly as bytes.
    ArrayAppender b = ArrayAppender.resume(ZarrHierarchy.create(store).array("v"));
    for (int f = half; f < frames; ) {
      int k = Math.min(frames - f, 1 + r.nextInt(7));
      if (r.nextBoolean()) {
        b.appendFloats(all, f * width, k);
      } else {
        ByteBuffer bb = ByteBuffer.allocate(k * width * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(all, f * width, k * width);
        b.append(bb.array(), 0, k);
      }
      f += k;
    }
    ZarrArray arr = b.finish();
    arr.commitMetadata(null);
    assertEquals(frames, arr.shape()[0]);
    int stored = arr.metadata().chunks()[0];
    // Every chunk equals the codec's encoding of its rows (the last padded with the fill value).
    for (int c = 0; c * (long) stored < frames; c++) {
      float[] rows = new float[stored * width];
      java.util.Arrays.fill(rows, (float) fill);
      int n = Math.min(stored, frames - c * stored);
      System.arraycopy(all, c * stored * width, rows, 0, n * width);
      ByteBuffer raw = ByteBuffer.allocate(rows.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      raw.asFloatBuffer().put(rows);
      assertArrayEquals(arr.encodeChunk(raw.array()), store.readAll(arr.chunkKey(new long[] {c, 0, 0})), "chunk " + c);
    }
    float[] back = new float[all.length];
    arr.readFloats(new long[] {0, 0, 0}, new int[] {frames, atoms, 3}, back, 0);
    assertArrayEquals(all, back);
  }
}
