package io.trajstream.xtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte reordering of a mixed-radix number read in one go from the bit stream, checked against
 * the encoder's definition: whole bytes first, least significant first, then the remaining bits of
 * the most significant byte.
 */
class XtcCoordinatesTest {
  @Test
  void numbersReadInOneGoHaveTheEncodersByteOrder() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int nbits = 1; nbits <= 63; nbits++) {
      for (int trial = 0; trial < 200; trial++) {
        // the pieces as the encoder writes them, in stream order, and the number they mean
        long stream = 0;
        long expected = 0;
        int left = nbits;
        int shift = 0;
        while (left > 0) {
          int width = left > 8 ? 8 : left;
          int piece = rnd.nextInt(1 << width);
          stream = (stream << width) | piece;
          expected |= (long) piece << shift;
          shift += 8;
          left -= width;
        }
        assertEquals(expected, XtcCoordinates.littleEndianBytes(stream, nbits), nbits + " bits");
      }
    }
  }
}
