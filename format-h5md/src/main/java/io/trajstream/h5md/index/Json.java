package io.trajstream.h5md.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and string quoting for index files: objects become {@code LinkedHashMap},
 * arrays {@code ArrayList}, numbers {@code Long} when integral else {@code Double}. Malformed text,
 * including nesting deeper than 64 levels, is an {@link IllegalArgumentException} naming the position.
 */
public final class Json {
  /** Deepest nesting of arrays and objects accepted (deeper input is refused, not recursed into). */
  static final int MAX_DEPTH = 64;

  private final String s;
  private int p;
  private int depth;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value; throws {@link IllegalArgumentException} naming the position. */
  public static Object parse(String text) {
    Json j = new Json(text);
    j.ws();
    Object v;
    try {
      v = j.value();
    } catch (IndexOutOfBoundsException e) {
      throw j.error("unexpected end");
    }
    j.ws();
    if (j.p != text.length()) {
      throw j.error("trailing characters");
    }
    return v;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("bad JSON at character " + p + ": " + what);
  }

  private void ws() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private Object value() {
    if (p >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(p);
    if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (c) {
      case '{': {
        depth++;
        Object o = object();
        depth--;
        return o;
      }
      case '[': {
        depth++;
        Object o = array();
        depth--;
        return o;
      }
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default: return number();
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, p)) {
      throw error("expected " + word);
    }
    p += word.length();
    return v;
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    p++;
    ws();
    if (p < s.length() && s.charAt(p) == '}') {
      p++;
      return m;
    }
    while (true) {
      ws();
      if (p >= s.length() || s.charAt(p) != '"') {
        throw error("expected a key");
      }
      String k = string();
      ws();
      if (p >= s.length() || s.charAt(p) != ':') {
        throw error("expected ':'");
      }
      p++;
      ws();
      m.put(k, value());
      ws();
      if (p < s.length() && s.charAt(p) == ',') {
        p++;
      } else if (p < s.length() && s.charAt(p) == '}') {
        p++;
        return m;
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    p++;
    ws();
    if (p < s.length() && s.charAt(p) == ']') {
      p++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      if (p < s.length() && s.charAt(p) == ',') {
        p++;
      } else if (p < s.length() && s.charAt(p) == ']') {
        p++;
        return l;
      } else {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    p++;
    while (true) {
      if (p >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(p++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (p >= s.length()) {
        throw error("unterminated string");
      }
      char e = s.charAt(p++);
      switch (e) {
        case 'n': sb.append('\n'); break;
        case 't': sb.append('\t'); break;
        case 'r': sb.append('\r'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'u':
          if (p + 4 > s.length()) {
            throw error("unterminated \\u escape");
          }
          sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
          p += 4;
          break;
        default: sb.append(e);
      }
    }
  }

  private Object number() {
    int start = p;
    while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
    String t = s.substring(start, p);
    if (t.isEmpty()) {
      throw error("unexpected character '" + s.charAt(p) + "'");
    }
    if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException ignored) {
        // fall through to double
      }
    }
    return Double.parseDouble(t);
  }

  /** {@code s} as a JSON string literal. */
  public static String quote(String str) {
    return io.trajstream.JsonWriter.quote(str);
  }

  /** A plain value (String, Number, Boolean, null, List, Map, long[], double[]) as JSON text. */
  public static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String str) {
      sb.append(quote(str));
    } else if (v instanceof Double d) {
      sb.append(Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) + ".0" : d.toString())
          : Double.isNaN(d) ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof long[] a) {
      List<Object> l = new ArrayList<>();
      for (long x : a) {
        l.add(x);
      }
      write(l, sb);
    } else if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>();
      for (double x : a) {
        l.add(x);
      }
      write(l, sb);
    } else if (v instanceof int[] a) {
      List<Object> l = new ArrayList<>();
      for (int x : a) {
        l.add((long) x);
      }
      write(l, sb);
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(quote(String.valueOf(e.getKey()))).append(": ");
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      sb.append(quote(v.toString()));
    }
  }
}
