package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NaturalOrder}: numbers in names compare by value. */
class NaturalOrderTest {
  @Test
  void numbersCompareByValue() {
    List<String> names = new ArrayList<>(List.of("part10.h5md", "part2.h5md", "part1.h5md", "part02.h5md",
        "part.h5md", "part1b.h5md", "run.part0003.h5md", "run.part0001.h5md"));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("part.h5md", "part1.h5md", "part1b.h5md", "part2.h5md", "part02.h5md", "part10.h5md",
        "run.part0001.h5md", "run.part0003.h5md"), names);
  }
}
