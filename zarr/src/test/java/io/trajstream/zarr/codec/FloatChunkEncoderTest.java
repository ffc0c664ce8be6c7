package io.trajstream.zarr.codec;

import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Frames built while a chunk fills must equal, byte for byte, what the blosc codec encodes. */
class FloatChunkEncoderTest {
  private static float[] data(int n, boolean compressible, long seed) {
    Random r = new Random(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = compressible ? (float) (50 + 10 * Math.sin(i * 0.001) + r.nextGaussian() * 0.01) : Float.intBitsToFloat(r.nextInt());
    }
    return f;
  }

  private static byte[] le(float[] f) {
    byte[] b = new byte[f.length * 4];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(f);
    return b;
  }

  @ParameterizedTest
  @CsvSource({
    "32, 5, 1, true, 0", "1000, 5, 1, true, 0", "300007, 5, 1, true, 0", "300007, 5, 0, true, 0", "300007, 1, 1, true, 0",
    "300007, 9, 1, true, 0", "300007, 5, 1, false, 0", "300007, 5, 0, false, 0", "3145728, 5, 1, true, 0",
    "70000, 5, 1, true, 4096", "70000, 5, -1, true, 1000"
  })
  void framesEqualTheCodecsAcrossChunks(int elements, int clevel, int shuffle, boolean compressible, int blocksize) throws IOException {
    BloscCodec codec = new BloscCodec("lz4", clevel, shuffle, blocksize);
    FloatChunkEncoder enc = codec.floatChunkEncoder(elements * 4);
    Random pieces = new Random(elements);
    for (int chunk = 0; chunk < 3; chunk++) {
      float[] f = data(elements, compressible, chunk);
      int at = 0;
      while (at < elements) {
        int k = Math.min(elements - at, 1 + pieces.nextInt(Math.max(1, elements / 5)));
        if (pieces.nextBoolean()) {
          enc.put(f, at, at, k);
        } else {
          enc.putBytes(le(f), 4 * at, at, k);
        }
        at += k;
      }
      byte[] expected = codec.encode(le(f), DataType.FLOAT32);
      assertArrayEquals(expected, bytes(enc.finishFrame()), "chunk " + chunk);
    }
  }

  @Test
  void fillAndPlain() throws IOException {
    BloscCodec codec = new BloscCodec("lz4", 5, 1, 0);
    int elements = 200_003;
    FloatChunkEncoder enc = codec.floatChunkEncoder(elements * 4);
    float[] f = data(elements, true, 7);
    enc.put(f, 0, 0, 150_000);
    float fill = -1.5f;
    enc.fill(150_000, Float.floatToRawIntBits(fill));
    java.util.Arrays.fill(f, 150_000, elements, fill);
    assertArrayEquals(codec.encode(le(f), DataType.FLOAT32), bytes(enc.finishFrame()));
    float[] g = data(elements, true, 8);
    enc.put(g, 0, 0, 123_456);
    assertArrayEquals(java.util.Arrays.copyOf(le(g), 4 * 123_456), enc.takePlain(123_456));
    // The encoder starts over after takePlain.
    enc.put(g, 0, 0, elements);
    assertArrayEquals(codec.encode(le(g), DataType.FLOAT32), bytes(enc.finishFrame()));
  }

  @Test
  void keepsOnlyAFewBlocksInMemoryWhateverTheChunk() throws IOException {
    BloscCodec codec = new BloscCodec("lz4", 5, 1, 4096);
    int elements = 3 << 20; // 12 MiB: 3072 blocks of 4 KiB
    FloatChunkEncoder enc = codec.floatChunkEncoder(elements * 4);
    float[] f = data(elements, true, 9);
    for (int at = 0; at < elements; at += 10_000) {
      enc.put(f, at, at, Math.min(10_000, elements - at));
    }
    assertArrayEquals(codec.encode(le(f), DataType.FLOAT32), bytes(enc.finishFrame()));
    org.junit.jupiter.api.Assertions.assertTrue(enc.blockBuffers() <= enc.maxBlockBuffers(),
        enc.blockBuffers() + " block buffers for 3072 blocks, at most " + enc.maxBlockBuffers() + " expected");
  }

  @Test
  void noEncoderForOtherConfigurations() {
    assertNull(new BloscCodec("zstd", 5, 1, 0).floatChunkEncoder(4096));
    assertNull(new BloscCodec("lz4", 5, 2, 0).floatChunkEncoder(4096));
    assertNull(new BloscCodec("lz4", 0, 1, 0).floatChunkEncoder(4096));
    assertNull(new BloscCodec("lz4", 5, 1, 0).floatChunkEncoder(64));
  }
}
