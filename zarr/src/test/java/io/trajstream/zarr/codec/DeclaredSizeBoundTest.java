package io.trajstream.zarr.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stored chunk that decodes to far more than its array's chunk shape allows (a compression
 * bomb, or a header declaring a huge size) fails before the large buffer is allocated: each
 * built-in codec checks the size it is bounded to while it decodes, not afterwards.
 */
class DeclaredSizeBoundTest {
  private static final int BOMB = 64 << 20;
  private static final int CHUNK = 1 << 20;

  static Stream<Codec> codecs() {
    return Stream.of(new ZlibCodec(9), new GzipCodec(9), new ZstdCodec(3), new Lz4Codec(1), new BloscCodec("lz4", 5, 1, 0),
        new BloscCodec("zstd", 5, 1, 0));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void bombIsRefusedWithoutAllocatingIt(Codec codec) throws IOException {
    byte[] stored = codec.encode(new byte[BOMB], DataType.FLOAT32);
    assertTrue(stored.length < BOMB / 16, codec + " compresses zeros");
    long before = allocatedBytes();
    IOException e = assertThrows(IOException.class, () -> codec.decode(stored, DataType.FLOAT32, CHUNK));
    long allocated = allocatedBytes() - before;
    assertTrue(allocated < 4L * CHUNK + 4L * stored.length,
        codec + " allocated " + allocated + " bytes to refuse a chunk of " + BOMB + " bytes (" + e.getMessage() + ")");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void chunkOfTheAllowedSizeDecodes(Codec codec) throws IOException {
    byte[] raw = new byte[CHUNK];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (i * 31 >>> 3);
    }
    byte[] back = codec.decode(codec.encode(raw, DataType.FLOAT32), DataType.FLOAT32, CHUNK);
    assertTrue(java.util.Arrays.equals(raw, back), codec + " round trip");
  }
}
