package io.trajstream.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every store kind serves the same trajectory with the same values and the same requests; the s3
 * kind's reads really travel through the link to the S3 API server.
 */
class StoreKindTest {
  @TempDir Path dir;

  @Test
  void everyKindReadsTheSameTrajectoryWithTheSameRequests() throws Exception {
    DatasetSpec spec = new DatasetSpec("zarrmd", 50, 21, 4, Compression.BLOSC_LZ4, 3);
    Dataset d = new DatasetCache(dir, DatasetWriter.withDefaultPython()).obtain(spec);
    ReadMeasurement reference;
    try (Store memory = StoreKind.MEMORY.open(dir, d.key(), Duration.ZERO, 0); TrajectoryScan scan = new TrajectoryScan(2)) {
      reference = ReadProbe.measure(memory, new ZarrmdFormat(), d, scan);
    }
    assertEquals(6, reference.readRequests(), "ceil(21 / 4) position chunks");

    for (StoreKind kind : StoreKind.values()) {
      try (Store store = kind.open(dir, d.key(), Duration.ofMillis(1), 100_000_000L);
          TrajectoryScan scan = new TrajectoryScan(2)) {
        ReadMeasurement m = ReadProbe.measure(store, new ZarrmdFormat(), d, scan);
        assertEquals(reference.checksum(), m.checksum(), 0.0, kind.label());
        assertEquals(reference.frames(), m.frames(), kind.label());
        assertEquals(reference.openRequests(), m.openRequests(), kind.label());
        assertEquals(reference.readRequests(), m.readRequests(), kind.label());
        assertEquals(d.neededBytes(), m.readBytes(), kind.label());
        if (kind == StoreKind.S3) {
          S3LinkStore s3 = assertInstanceOf(S3LinkStore.class, store);
          assertTrue(store.root().startsWith("s3://"), store.root());
          assertTrue(s3.bytesThroughLink() > m.openBytes() + m.readBytes(),
              "responses came through the link: " + s3.bytesThroughLink());
        }
      }
    }
  }

  @Test
  void parsesLabelsAndRejectsOthers() {
    for (StoreKind k : StoreKind.values()) {
      assertEquals(k, StoreKind.parse(" " + k.label().toUpperCase() + " "));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreKind.parse("gcs"));
    assertTrue(e.getMessage().contains("s3"), e.getMessage());
  }
}
