package io.trajstream.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses lists like {@code 0,5,9} and ranges like {@code 0:10} (exclusive end) or {@code 0:10:2}. */
final class IntList {
  private IntList() {}

  static int[] parse(String option, String text, int size) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        if (p.contains(":")) {
          String[] r = p.split(":", -1);
          int start = r[0].isEmpty() ? 0 : Integer.parseInt(r[0]);
          int stop = r.length < 2 || r[1].isEmpty() ? size : Integer.parseInt(r[1]);
          int step = r.length < 3 || r[2].isEmpty() ? 1 : Integer.parseInt(r[2]);
          if (step < 1) {
            throw new IllegalArgumentException(option + ": step must be >= 1 in '" + p + "'");
          }
          for (int i = start; i < stop; i += step) {
            out.add(i);
          }
        } else {
          out.add(Integer.parseInt(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": '" + p + "' is not a number or range");
      }
    }
    for (int v : out) {
      if (v < 0 || v >= size) {
        throw new IllegalArgumentException(option + ": " + v + " is out of range (0.." + (size - 1) + ")");
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
