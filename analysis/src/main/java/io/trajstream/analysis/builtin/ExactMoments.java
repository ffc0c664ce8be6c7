package io.trajstream.analysis.builtin;

import java.io.Serializable;
import java.math.BigInteger;

/**
 * Exact running sums of values and of their squares, per element, in 128-bit fixed point (values
 * scaled by 2^32 and rounded once). Because integer addition is associative and exact, the sums, and
 * everything computed from them, are identical for any split of the frames into blocks and any
 * order of joining them.
 */
public final class ExactMoments implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SCALE_BITS = 32;
  private static final double LIMIT = Math.scalb(1.0, 30);

  private final int size;
  private long count;
  // 128-bit two's complement numbers as (hi, lo) pairs
  private final long[] sum;
  private final long[] sumSquares;

  public ExactMoments(int size) {
    this.size = size;
    this.sum = new long[2 * size];
    this.sumSquares = new long[2 * size];
  }

  public int size() {
    return size;
  }

  /** Samples added per element. */
  public long count() {
    return count;
  }

  /** Adds one sample of every element: {@code values[off .. off+size)}. */
  public void add(float[] values, int off) {
    for (int i = 0; i < size; i++) {
      double x = values[off + i];
      if (!(Math.abs(x) < LIMIT)) {
        throw new ArithmeticException("value " + x + " outside the exact-sum range (|x| < 2^30)");
      }
      long v = (long) Math.rint(Math.scalb(x, SCALE_BITS));
      add(sum, i, v >> 63, v);
      add(sumSquares, i, Math.multiplyHigh(v, v), v * v);
    }
    count++;
  }

  /** Adds all samples of {@code other}; returns this. */
  public ExactMoments merge(ExactMoments other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot merge moments of " + size + " and " + other.size + " elements");
    }
    for (int i = 0; i < size; i++) {
      add(sum, i, other.sum[2 * i], other.sum[2 * i + 1]);
      add(sumSquares, i, other.sumSquares[2 * i], other.sumSquares[2 * i + 1]);
    }
    count += other.count;
    return this;
  }

  private static void add(long[] a, int i, long hi, long lo) {
    long oldLo = a[2 * i + 1];
    long newLo = oldLo + lo;
    long carry = Long.compareUnsigned(newLo, oldLo) < 0 ? 1 : 0;
    a[2 * i + 1] = newLo;
    a[2 * i] += hi + carry;
  }

  private static BigInteger big(long[] a, int i) {
    return BigInteger.valueOf(a[2 * i]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(a[2 * i + 1])));
  }

  /** The mean of element {@code i}. */
  public double mean(int i) {
    return Math.scalb(new java.math.BigDecimal(big(sum, i)).divide(java.math.BigDecimal.valueOf(count),
        java.math.MathContext.DECIMAL128).doubleValue(), -SCALE_BITS);
  }

  /** The population variance of element {@code i} (divided by the count), exact until the final rounding. */
  public double variance(int i) {
    if (count == 0) {
      return Double.NaN;
    }
    BigInteger n = BigInteger.valueOf(count);
    BigInteger s1 = big(sum, i);
    BigInteger num = n.multiply(big(sumSquares, i)).subtract(s1.multiply(s1));
    java.math.BigDecimal v = new java.math.BigDecimal(num).divide(new java.math.BigDecimal(n.multiply(n)),
        java.math.MathContext.DECIMAL128);
    return Math.scalb(v.doubleValue(), -2 * SCALE_BITS);
  }
}
