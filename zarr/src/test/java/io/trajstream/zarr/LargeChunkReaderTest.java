package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A chunk that is long on the wire is fetched as parallel ranged requests of the store's part size. */
class LargeChunkReaderTest {
  /** A memory store whose inputs behave like remote ones: they prefer 1 MiB parts; requests are counted. */
  static final class RemoteLikeStore extends ForwardingStore {
    final AtomicInteger rangedReads = new AtomicInteger();
    final AtomicInteger wholeReads = new AtomicInteger();

    RemoteLikeStore() {
      super(new MemoryStore());
    }

    @Override
    public byte[] readAll(String key) throws IOException {
      wholeReads.incrementAndGet();
      return super.readAll(key);
    }

    @Override
    public StoreInput newInput(String key) throws IOException {
      return new ForwardingStoreInput(super.newInput(key)) {
        @Override
        public int preferredPartSize() {
          return 1 << 20;
        }

        @Override
        public void readFully(long position, byte[] buf, int off, int len) throws IOException {
          rangedReads.incrementAndGet();
          super.readFully(position, buf, off, len);
        }

        @Override
        public ByteBuffer read(long position, int length) throws IOException {
          rangedReads.incrementAndGet();
          return super.read(position, length);
        }
      };
    }
  }

  @Test
  void aLargeChunkIsReadInPartsWithTheSameValues() throws IOException {
    RemoteLikeStore store = new RemoteLikeStore();
    ZarrHierarchy h = ZarrHierarchy.create(store);
    long[] shape = {40, 50_000, 3};
    int[] chunks = {40, 50_000, 3}; // one chunk of 24 MB decoded
    DataType t = DataType.parse("<f4");
    ArrayMetadata meta = new ArrayMetadata(shape, chunks, t, 0.0, 'C', ".", null, List.of());
    ZarrArray a = ZarrArray.create(h, "x", meta, null);
    float[] values = new float[40 * 50_000 * 3];
    Random r = new Random(3);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.nextGaussian();
    }
    a.write(new long[3], new int[] {40, 50_000, 3}, t.fromFloats(values, 0, values.length));
    store.rangedReads.set(0);
    store.wholeReads.set(0);
    float[] got = t.toFloats(a.read(new long[3], new int[] {40, 50_000, 3}), values.length);
    assertArrayEquals(values, got);
    assertEquals(0, store.wholeReads.get(), "no single whole-object GET");
    assertTrue(store.rangedReads.get() >= 20, "24 MB in 1 MiB parts, saw " + store.rangedReads.get());

    int[] small = {4, 50_000, 3}; // 2.4 MB chunks stay one request each
    ZarrArray b = ZarrArray.create(h, "y", new ArrayMetadata(shape, small, t, 0.0, 'C', ".", null, List.of()), null);
    b.write(new long[3], new int[] {40, 50_000, 3}, t.fromFloats(values, 0, values.length));
    store.rangedReads.set(0);
    store.wholeReads.set(0);
    assertArrayEquals(values, t.toFloats(b.read(new long[3], new int[] {40, 50_000, 3}), values.length));
    assertEquals(10, store.wholeReads.get());
    assertEquals(0, store.rangedReads.get());
  }
}
