package io.trajstream.analysis.select;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses MDAnalysis selection strings by precedence climbing: {@code and}/{@code or} share one
 * precedence and associate to the left; {@code not} applies to the next term.
 */
final class SelectionParser {
  /** Keywords we evaluate. */
  private static final Set<String> SUPPORTED = Set.of(
      "all", "not", "and", "or", "index", "bynum", "resid", "resnum", "name", "resname", "segid",
      "type", "protein", "backbone");
  /** Further MDAnalysis keywords: they end a value list and are reported as unsupported. */
  private static final Set<String> OTHER_KEYWORDS = Set.of(
      "global", "byres", "around", "sphlayer", "isolayer", "sphzone", "cyzone", "cylayer", "point",
      "atom", "bonded", "group", "aromatic", "smarts", "nucleic", "nucleicbackbone", "nucleicbase",
      "nucleicsugar", "prop", "same", "mass", "charge", "altloc", "chainID", "element", "moltype",
      "molnum", "record_type", "fragindex", "resindex", "segindex", "id", "tempfactor", "occupancy",
      "icode", "chirality", "formalcharge", "aromaticity");
  private static final Pattern INT = Pattern.compile("-?\\d+");
  private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\s*(?:[:-]| to )\\s*(-?\\d+)");
  private static final int AND_OR_PRECEDENCE = 3;

  private final String text;
  private final Deque<String> tokens = new ArrayDeque<>();

  SelectionParser(String text) {
    this.text = text;
    if (text == null || text.isBlank()) {
      throw new SelectionException(String.valueOf(text), "empty selection");
    }
    for (String t : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
      tokens.add(t);
    }
  }

  SelectionNode parse() {
    SelectionNode node = expression(0);
    if (!tokens.isEmpty()) {
      throw new SelectionException(text, "unexpected token at end of selection: '" + tokens.peek() + "'");
    }
    return node;
  }

  private SelectionNode expression(int minPrecedence) {
    SelectionNode left = term();
    while (!tokens.isEmpty() && (tokens.peek().equals("and") || tokens.peek().equals("or"))
        && AND_OR_PRECEDENCE >= minPrecedence) {
      boolean and = tokens.poll().equals("and");
      SelectionNode right = expression(AND_OR_PRECEDENCE + 1);
      left = new SelectionNode.Binary(left, right, and);
    }
    return left;
  }

  private SelectionNode term() {
    String op = tokens.poll();
    if (op == null) {
      throw new SelectionException(text, "selection ends where a term was expected");
    }
    switch (op) {
      case "(": {
        SelectionNode inner = expression(0);
        if (!")".equals(tokens.poll())) {
          throw new SelectionException(text, "missing ')'");
        }
        return inner;
      }
      case "not":
        return new SelectionNode.Not(expression(5));
      case "all":
        return new SelectionNode.All();
      case "protein":
        return new SelectionNode.Protein(false);
      case "backbone":
        return new SelectionNode.Protein(true);
      case "index":
      case "bynum":
      case "resid":
      case "resnum":
        return ranges(op.equals("resnum") ? "resid" : op, op);
      case "name":
      case "resname":
      case "segid":
      case "type": {
        List<String> values = values(op);
        return new SelectionNode.Patterns(op, values);
      }
      default:
        if (OTHER_KEYWORDS.contains(op)) {
          throw new SelectionException(text, "keyword '" + op + "' is not supported (supported: "
              + String.join(", ", new java.util.TreeSet<>(SUPPORTED)) + ", parentheses)");
        }
        throw new SelectionException(text, "unknown selection token '" + op + "'");
    }
  }

  private static boolean isKeyword(String t) {
    return SUPPORTED.contains(t) || OTHER_KEYWORDS.contains(t) || t.equals("(") || t.equals(")");
  }

  private List<String> values(String keyword) {
    List<String> values = new ArrayList<>();
    while (!tokens.isEmpty() && !isKeyword(tokens.peek())) {
      values.add(tokens.poll());
    }
    if (values.isEmpty()) {
      throw new SelectionException(text, "'" + keyword + "' needs at least one value");
    }
    return values;
  }

  private SelectionNode ranges(String kind, String keyword) {
    List<String> joined = joinRanges(values(keyword));
    long[] lows = new long[joined.size()];
    long[] highs = new long[joined.size()];
    for (int i = 0; i < joined.size(); i++) {
      String v = joined.get(i);
      if (INT.matcher(v).matches()) {
        lows[i] = number(v, keyword);
        highs[i] = lows[i];
        continue;
      }
      Matcher m = RANGE.matcher(v);
      if (!m.matches()) {
        throw new SelectionException(text, "cannot read '" + v + "' after '" + keyword
            + "' (expected N, N:M, N-M or N to M)");
      }
      lows[i] = number(m.group(1), keyword);
      highs[i] = number(m.group(2), keyword);
    }
    return new SelectionNode.IntRanges(kind, lows, highs);
  }

  /** An integer of the selection (digits, maybe a minus sign), which must fit in a long. */
  private long number(String digits, String keyword) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new SelectionException(text, "number " + digits + " after '" + keyword + "' is out of range");
    }
  }

  /** Joins range values split by spaces ({@code 1 : 10}, {@code 1 to 10}, {@code 1: 10}). */
  private List<String> joinRanges(List<String> values) {
    List<String> out = new ArrayList<>();
    List<String> in = new ArrayList<>(values);
    List<String> delimiters = Arrays.asList("to", ":", "-");
    while (!in.isEmpty()) {
      String v = in.remove(0);
      if (delimiters.contains(v)) {
        if (out.isEmpty() || in.isEmpty()) {
          throw new SelectionException(text, "range delimiter '" + v + "' without two ends");
        }
        int last = out.size() - 1;
        out.set(last, out.get(last) + " " + v + " " + in.remove(0));
      } else if (!out.isEmpty() && (v.startsWith("--") || v.startsWith("to") || v.startsWith(":")
          || endsWithDelimiter(out.get(out.size() - 1)))) {
        int last = out.size() - 1;
        out.set(last, out.get(last) + " " + v);
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static boolean endsWithDelimiter(String s) {
    return s.endsWith("to") || s.endsWith(":") || s.endsWith("-");
  }
}
