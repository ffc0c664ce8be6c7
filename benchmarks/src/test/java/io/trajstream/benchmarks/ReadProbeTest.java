package io.trajstream.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreEntry;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe reads every frame, and its request and byte counts match what is in the store. */
class ReadProbeTest {
  @TempDir Path scratch;

  @Test
  void countsOneRequestPerChunkAndTheStoredPositionBytes() throws Exception {
    DatasetSpec spec = new DatasetSpec("zarrmd", 40, 23, 5, Compression.GZIP, 7);
    MemoryStore store = new MemoryStore("mem://probe/");
    Dataset d = DatasetWriter.withDefaultPython().write(spec, store, null, scratch);

    long chunkBytes = store.list(spec.key() + "/").filter(e -> e.key().contains("/position/value/")
        && !e.key().substring(e.key().lastIndexOf('/') + 1).startsWith(".")).mapToLong(StoreEntry::length).sum();
    assertEquals(chunkBytes, d.neededBytes());

    ReadMeasurement one;
    ReadMeasurement three;
    try (TrajectoryScan s1 = new TrajectoryScan(1); TrajectoryScan s3 = new TrajectoryScan(3)) {
      one = ReadProbe.measure(store, new ZarrmdFormat(), d, s1);
      three = ReadProbe.measure(store, new ZarrmdFormat(), d, s3);
    }
    assertEquals(23, one.frames());
    assertEquals(23L * 40 * 12, one.valueBytes());
    assertEquals(5, one.readRequests(), "ceil(23 / 5) chunk objects");
    assertEquals(d.neededBytes(), one.readBytes(), "a full read fetches exactly the position chunks");
    assertTrue(one.openRequests() > 0);
    assertTrue(one.byteAmplification() > 1.0);
    assertEquals(one.checksum(), three.checksum(), 1e-9, "same values whatever the thread count");
    assertEquals(one.readRequests(), three.readRequests());
  }

  @Test
  void planCoversEveryFrameInChunkAlignedRanges() throws Exception {
    DatasetSpec spec = new DatasetSpec("zarrmd", 10, 17, 4, Compression.NONE, 1);
    MemoryStore store = new MemoryStore("mem://plan/");
    Dataset d = DatasetWriter.withDefaultPython().write(spec, store, null, scratch);
    try (var r = new ZarrmdFormat().open(store, d.key(), io.trajstream.format.ReadOptions.defaults())) {
      var plan = TrajectoryScan.plan(r);
      assertEquals(5, plan.size());
      assertEquals(0, plan.get(0).start());
      assertEquals(16, plan.get(4).start());
      assertEquals(17, plan.get(4).stop());
    }
  }
}
