package io.trajstream.runtime;

import java.util.Comparator;

/**
 * Orders names as people number files: runs of digits compare by value ({@code part2} before
 * {@code part10}), everything else character by character; leading zeros break ties only.
 */
public final class NaturalOrder implements Comparator<String> {
  /** The one instance. */
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int ie = digitsEnd(a, i);
        int je = digitsEnd(b, j);
        int is = skipZeros(a, i, ie);
        int js = skipZeros(b, j, je);
        int byLength = Integer.compare(ie - is, je - js);
        if (byLength != 0) {
          return byLength;
        }
        int byDigits = a.substring(is, ie).compareTo(b.substring(js, je));
        if (byDigits != 0) {
          return byDigits;
        }
        int byZeros = Integer.compare(ie - i, je - j);
        if (byZeros != 0) {
          return byZeros;
        }
        i = ie;
        j = je;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int e = from;
    while (e < s.length() && isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static int skipZeros(String s, int from, int end) {
    int k = from;
    while (k < end - 1 && s.charAt(k) == '0') {
      k++;
    }
    return k;
  }
}
