package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.PrefixedStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes a trajectory more than ten times larger than the heap. Runs in its own surefire execution
 * with a small {@code -Xmx} (see the pom); the writer must keep only about two chunks per array.
 */
class SmallHeapWriteCheck {
  /** Keeps metadata, counts and drops chunk bytes (the data would not fit in memory either). */
  static final class ChunkDiscardingStore implements Store {
    final MemoryStore metadata = new MemoryStore();
    final AtomicLong chunkBytes = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();

    static boolean isMetadata(String key) {
      return key.endsWith(".zarray") || key.endsWith(".zattrs") || key.endsWith(".zgroup") || key.endsWith(".zmetadata");
    }

    @Override
    public String root() {
      return "mem://discarding/";
    }

    @Override
    public StoreInput newInput(String key) throws IOException {
      return metadata.newInput(key);
    }

    @Override
    public boolean exists(String key) {
      return metadata.exists(key);
    }

    @Override
    public Stream<StoreEntry> list(String prefix) {
      return metadata.list(prefix);
    }

    @Override
    public void write(String key, ByteBuffer data) {
      if (isMetadata(key)) {
        metadata.write(key, data);
      } else {
        chunkBytes.addAndGet(data.remaining());
        chunks.incrementAndGet();
      }
    }

    @Override
    public void delete(String key) {
      metadata.delete(key);
    }

    @Override
    public StoreCapabilities capabilities() {
      return StoreCapabilities.FULL;
    }
  }

  @Test
  void writesTenTimesTheHeapInBoundedMemory() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("trajstream.smallHeap"),
        "runs only in the small-heap surefire execution");
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap <= 160L << 20, "run with a small heap (-Xmx128m), got " + (heap >> 20) + " MiB");
    int atoms = 20_000;
    long bytesPerFrame = atoms * 12L;
    int frames = (int) (10 * heap / bytesPerFrame) + 50;
    SyntheticTrajectory s = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(3).fields(EnumSet.of(Field.POSITION)).build();
    ChunkDiscardingStore store = new ChunkDiscardingStore();
    ZarrmdFormat format = new ZarrmdFormat();
    try (TrajectoryWriter w = format.create(store, "big.zarrmd", s.info(), WriteOptions.defaults())) {
      for (int start = 0; start < frames; start += 10) {
        w.append(s.block(start, Math.min(frames, start + 10)));
      }
    }
    long raw = frames * bytesPerFrame;
    assertTrue(raw >= 10 * heap, "wrote " + (raw >> 20) + " MiB with a heap of " + (heap >> 20) + " MiB");
    ZarrHierarchy h = ZarrHierarchy.open(new PrefixedStore(store, "big.zarrmd"));
    assertTrue(h.isConsolidated());
    var meta = h.array("particles/all/position/value").metadata();
    assertEquals(frames, meta.shape()[0]);
    int fpc = (int) (12L * 1024 * 1024 / bytesPerFrame);
    assertEquals(fpc, meta.chunks()[0]);
    assertTrue(store.chunks.get() >= (frames + fpc - 1) / fpc, "every chunk stored");
  }
}
