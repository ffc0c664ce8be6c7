package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.ByteRange;
import io.trajstream.store.RangeCoalescer;
import io.trajstream.store.VectoredReadOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {
  static VectoredReadOptions vectored(String key, String value) {
    return ReadOptions.of(Map.of(key, value)).vectoredReads();
  }

  @Test
  void coalescingCapsAboveTwoGibMeanTheLargestRequestAndStillMerge() {
    List<ByteRange> adjacent = List.of(new ByteRange(0, 1000), new ByteRange(1000, 1000), new ByteRange(5000, 10));
    for (String big : List.of("4g", "3g", "2GiB", "1t", "9000000000")) {
      VectoredReadOptions o = vectored("coalesce-max", big);
      assertEquals(Integer.MAX_VALUE, o.maxMergedSize(), big);
      assertEquals(VectoredReadOptions.DEFAULT.maxGap(), o.maxGap());
      assertEquals(1, RangeCoalescer.plan(adjacent, o).size(), "coalesce-max=" + big + " must merge");
    }
    assertEquals(16 << 20, vectored("coalesce-max", "16MiB").maxMergedSize());
    assertEquals(1536 << 20, vectored("coalesce-max", "1.5g").maxMergedSize());
    assertEquals(Integer.MAX_VALUE, vectored("coalesce-gap", "8g").maxGap());
    assertEquals(VectoredReadOptions.DEFAULT, ReadOptions.defaults().vectoredReads());
    assertEquals(VectoredReadOptions.NO_MERGE.maxGap(), vectored("coalesce-gap", "-1").maxGap(), "-1 merges nothing");
  }

  @Test
  void badCoalescingValuesAreOneLineErrorsNamingTheOption() {
    for (String key : List.of("coalesce-max", "coalesce-gap")) {
      for (String bad : List.of(key.equals("coalesce-max") ? "-1" : "-2", "-3g", "3x", "g", "", "NaN", "1e30", "Infinity")) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vectored(key, bad), key + "=" + bad);
        assertTrue(e.getMessage().startsWith("option " + key + "=" + bad + " is not a byte size"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
      }
    }
  }

  @Test
  void partSizeTakesBytesOrNoneForNeverSplit() {
    assertEquals(8 << 20, vectored("part-size", "8MB").partSize());
    assertEquals(-1, vectored("part-size", "none").partSize());
    assertEquals(-1, vectored("part-size", " NONE ").partSize());
    assertEquals(0, ReadOptions.defaults().vectoredReads().partSize(), "default: the input's own hint");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vectored("part-size", "never"));
    assertTrue(e.getMessage().startsWith("option part-size=never is not a byte size"), e.getMessage());
  }
}
