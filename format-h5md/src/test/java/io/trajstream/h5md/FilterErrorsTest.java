package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.codec.Fletcher32Filter;
import io.trajstream.h5md.codec.ShuffleFilter;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.store.FileStore;
import io.trajstream.store.StoreInput;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt chunks and unknown filters fail with messages naming filter, dataset and file. */
class FilterErrorsTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "h5_fletcher32", "direct_unknown_filter");
  }

  @Test
  void fletcher32MismatchIsAnError() throws Exception {
    Path file = dir.resolve("h5_fletcher32.h5md");
    ChunkRef chunk;
    try (StoreInput in = new FileStore(dir).newInput("h5_fletcher32.h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, "x", ReadOptions.defaults())) {
      chunk = s.root().dataset("particles/trajectory/velocity/value").chunks().get(2L);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(chunk.offset() + 100);
      int b = raf.read();
      raf.seek(chunk.offset() + 100);
      raf.write(b ^ 0x10);
    }
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "h5_fletcher32.h5md", ReadOptions.defaults())) {
      // other chunks still read
      r.read(FrameRange.of(0, 20), AtomSelection.all(), EnumSet.of(Field.VELOCITY));
      FormatException e = assertThrows(FormatException.class,
          () -> r.read(FrameRange.of(20, 30), AtomSelection.all(), EnumSet.of(Field.VELOCITY)));
      assertTrue(e.getMessage().contains("h5_fletcher32.h5md: particles/trajectory/velocity/value"), e.getMessage());
      assertTrue(e.getMessage().contains("fletcher32") && e.getMessage().contains("checksum mismatch"), e.getMessage());
    }
  }

  @Test
  void unsupportedFilterNamesIdDatasetAndFile() {
    FormatException e = assertThrows(FormatException.class,
        () -> new H5mdFormat().open(new FileStore(dir), "direct_unknown_filter.h5md", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("direct_unknown_filter.h5md"), e.getMessage());
    assertTrue(e.getMessage().contains("particles/trajectory/position/value"), e.getMessage());
    assertTrue(e.getMessage().contains("filter id 32099"), e.getMessage());
  }

  @Test
  void shuffleAndFletcherRoundTrip() throws Exception {
    byte[] data = new byte[1003];
    new Random(3).nextBytes(data);
    assertArrayEquals(data, ShuffleFilter.unshuffle(ShuffleFilter.shuffle(data, 8), 8));
    byte[] sealed = Fletcher32Filter.encode(data);
    assertArrayEquals(data, new Fletcher32Filter().decode(sealed, new int[0], -1));
    sealed[5] ^= 1;
    assertThrows(io.trajstream.h5md.codec.FilterFailure.class, () -> new Fletcher32Filter().decode(sealed, new int[0], -1));
    // big-endian words 1, 2: sum1 = 1 + 2 = 3, sum2 = 1 + 3 = 4
    assertEquals(0x00040003, Fletcher32Filter.checksum(new byte[] {0, 1, 0, 2}, 4));
  }
}
