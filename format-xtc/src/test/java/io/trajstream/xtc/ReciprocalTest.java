package io.trajstream.xtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quotients by a reciprocal equal those of a division, at the edges of every range and at random. */
class ReciprocalTest {
  @Test
  void quotientsEqualDivision() {
    List<Long> divisors = new ArrayList<>();
    for (int k = 0; k <= 40; k++) {
      divisors.add(1L << k);
      divisors.add((1L << k) + 1);
      if (k > 1) {
        divisors.add((1L << k) - 1);
      }
    }
    for (int i = XtcCoordinates.FIRST_INDEX; i < XtcCoordinates.MAGIC.length; i++) {
      divisors.add((long) XtcCoordinates.MAGIC[i]);
    }
    divisors.add(0xffffffL + 1);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int k = 0; k < 200; k++) {
      divisors.add(1 + rnd.nextLong(1L << 33));
    }
    for (long d : divisors) {
      Reciprocal r = new Reciprocal(d);
      List<Long> dividends = new ArrayList<>(List.of(0L, 1L, d - 1, d, d + 1, 2 * d - 1, 2 * d, Long.MAX_VALUE,
          Long.MAX_VALUE - 1, Long.MAX_VALUE / d * d, Long.MAX_VALUE / d * d - 1, (1L << 31) - 1, 1L << 31));
      for (int k = 0; k < 2000; k++) {
        dividends.add(rnd.nextLong() >>> rnd.nextInt(1, 64));
        long q = rnd.nextLong(Long.MAX_VALUE / d);
        dividends.add(q * d + (rnd.nextBoolean() ? 0 : d - 1));
      }
      for (long n : dividends) {
        if (n >= 0) {
          assertEquals(n / d, r.quotient(n), n + " / " + d);
        }
      }
    }
  }

  @Test
  void divisorsOutsideTheSupportedRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Reciprocal(0));
    assertThrows(IllegalArgumentException.class, () -> new Reciprocal((1L << 62) + 1));
  }
}
