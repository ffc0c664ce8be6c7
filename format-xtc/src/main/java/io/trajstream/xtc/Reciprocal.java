package io.trajstream.xtc;

import java.math.BigInteger;

/**
 * Division by a fixed divisor as a multiplication by its reciprocal, rounded up to 64 bits, and a
 * shift (Granlund and Montgomery, "Division by invariant integers using multiplication", 1994):
 * exact for every dividend in {@code [0, 2^63)}, and several times faster than a division.
 *
 * <p>With {@code l = ceil(log2 d)} and {@code m = ceil(2^(63 + l) / d)} (below {@code 2^64}), the
 * error {@code m d - 2^(63 + l)} is below {@code d}, so {@code n m / 2^(63 + l)} exceeds {@code n / d}
 * by less than {@code 2^-l <= 1 / d}, too little to reach the next integer.
 */
final class Reciprocal {
  /** The divisor, at least 1. */
  final long divisor;
  /** {@code m} as an unsigned 64-bit number. */
  private final long multiplier;
  /** {@code l - 1}; -1 for the divisor 1. */
  private final int shift;

  Reciprocal(long divisor) {
    if (divisor < 1 || divisor > (1L << 62)) {
      throw new IllegalArgumentException("divisor " + divisor + " outside [1, 2^62]");
    }
    this.divisor = divisor;
    int l = 64 - Long.numberOfLeadingZeros(divisor - 1);
    this.shift = l - 1;
    this.multiplier = divisor == 1 ? 0
        : BigInteger.ONE.shiftLeft(63 + l).add(BigInteger.valueOf(divisor - 1))
            .divide(BigInteger.valueOf(divisor)).longValue();
  }

  /** {@code n / divisor} for {@code 0 <= n < 2^63}. */
  long quotient(long n) {
    // the high half of the unsigned 128-bit product n * m (n is not negative)
    long high = Math.multiplyHigh(n, multiplier) + (n & (multiplier >> 63));
    return shift < 0 ? n : high >>> shift;
  }
}
