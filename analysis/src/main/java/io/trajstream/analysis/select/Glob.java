package io.trajstream.analysis.select;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell glob ({@code *}, {@code ?}, {@code [...]} with {@code !} and ranges, as Python's fnmatch
 * reads them), matched in time proportional to the text's length times the pattern's, whatever the
 * pattern: a pattern of many stars (a regular expression of many {@code .*}) cannot make a match
 * run for long. Matches code points, case-sensitively. Immutable and thread-safe.
 */
final class Glob {
  /** One step of the pattern: a star, or a test on one code point. */
  private interface Step {
    boolean accepts(int codePoint);
  }

  private static final Step STAR = c -> false;
  private static final Step ANY = c -> true;
  private final Step[] steps;

  private Glob(Step[] steps) {
    this.steps = steps;
  }

  /** The glob {@code pattern}. */
  static Glob of(String pattern) {
    int[] p = pattern.codePoints().toArray();
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length) {
      int c = p[i++];
      if (c == '*') {
        if (steps.isEmpty() || steps.get(steps.size() - 1) != STAR) {
          steps.add(STAR); // a run of stars is one star
        }
      } else if (c == '?') {
        steps.add(ANY);
      } else if (c == '[' && closing(p, i) >= 0) {
        int end = closing(p, i);
        steps.add(charClass(p, i, end));
        i = end + 1;
      } else {
        int literal = c;
        steps.add(x -> x == literal);
      }
    }
    return new Glob(steps.toArray(Step[]::new));
  }

  /** Where the class opened before {@code from} closes (a {@code ]} right after {@code [} or {@code [!} is a member), or -1. */
  private static int closing(int[] p, int from) {
    int j = from;
    if (j < p.length && p[j] == '!') {
      j++;
    }
    if (j < p.length && p[j] == ']') {
      j++;
    }
    while (j < p.length && p[j] != ']') {
      j++;
    }
    return j < p.length ? j : -1;
  }

  /** {@code p[from, end)} as a class: {@code !} first negates, {@code a-z} is a range (a reversed one matches nothing). */
  private static Step charClass(int[] p, int from, int end) {
    boolean negate = from < end && p[from] == '!';
    int start = negate ? from + 1 : from;
    List<int[]> ranges = new ArrayList<>();
    for (int k = start; k < end; k++) {
      if (k + 2 < end && p[k + 1] == '-') {
        if (p[k] <= p[k + 2]) {
          ranges.add(new int[] {p[k], p[k + 2]});
        }
        k += 2;
      } else {
        ranges.add(new int[] {p[k], p[k]});
      }
    }
    int[][] r = ranges.toArray(int[][]::new);
    return c -> {
      boolean in = false;
      for (int[] range : r) {
        in |= c >= range[0] && c <= range[1];
      }
      return in != negate;
    };
  }

  /** Whether the whole of {@code text} matches. */
  boolean matches(String text) {
    int[] s = text.codePoints().toArray();
    int p = 0;
    int t = 0;
    int lastStar = -1;
    int resumeAt = 0;
    while (t < s.length) {
      if (p < steps.length && steps[p] == STAR) {
        lastStar = p++;
        resumeAt = t; // the star takes nothing yet
      } else if (p < steps.length && steps[p].accepts(s[t])) {
        p++;
        t++;
      } else if (lastStar >= 0) {
        p = lastStar + 1; // the last star takes one more code point, the rest is tried again
        t = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < steps.length && steps[p] == STAR) {
      p++;
    }
    return p == steps.length;
  }
}
