package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import io.trajstream.zarr.codec.BloscCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chunk the store refuses fails the append and every later store attempt, with a fresh exception each time. */
class ArrayAppenderFailureTest {
  /** A memory store whose writes of chunk 1 fail, as a full disk or a refused upload would. */
  private static final class RefusingStore extends ForwardingStore {
    RefusingStore() {
      super(new MemoryStore());
    }

    @Override
    public void write(String key, ByteBuffer data) throws IOException {
      if (key.endsWith("1.0.0")) {
        throw new StoreException(location(key), "no space left");
      }
      super.write(key, data);
    }
  }

  @Test
  void failedChunkWriteSurfacesOnceThenAsTheCauseOfLaterFailures() throws IOException {
    int atoms = 1000;
    int chunkFrames = 10;
    ArrayMetadata meta = new ArrayMetadata(new long[] {0, atoms, 3}, new int[] {chunkFrames, atoms, 3}, DataType.FLOAT32, 0.0,
        'C', ".", new BloscCodec("lz4", 5, 1, 0).config(), List.of());
    RefusingStore store = new RefusingStore();
    ArrayAppender a = ArrayAppender.create(ZarrHierarchy.create(store), "v", meta);
    float[] frame = new float[atoms * 3];
    IOException first = null;
    for (int f = 0; f < 40 && first == null; f++) {
      try {
        a.appendFloats(frame, 0, 1);
      } catch (IOException e) {
        first = e;
      }
    }
    assertTrue(first != null && first.getMessage().contains("no space left"), String.valueOf(first));
    IOException later = assertThrows(IOException.class, a::finish);
    assertNotSame(first, later, "a later failure must be a new exception, so try-with-resources can attach it");
    assertTrue(later.getCause() == first, "the later failure names the first as its cause");
    assertFalse(store.exists("v/.zarray"), "no metadata is written for an array with a lost chunk");
  }
}
