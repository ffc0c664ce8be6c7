package io.trajstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming JSON writer, so that the JDK-only api can emit JSON. Non-finite numbers are
 * written as {@code null}.
 */
public final class JsonWriter {
  private final Appendable out;
  private final Deque<Boolean> first = new ArrayDeque<>();
  private boolean afterName;

  public JsonWriter(Appendable out) {
    this.out = out;
  }

  private JsonWriter raw(String s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!first.isEmpty()) {
      if (!first.peek()) {
        raw(",");
      }
      first.pop();
      first.push(false);
    }
  }

  public JsonWriter beginObject() {
    beforeValue();
    first.push(true);
    return raw("{");
  }

  public JsonWriter endObject() {
    first.pop();
    return raw("}");
  }

  public JsonWriter beginArray() {
    beforeValue();
    first.push(true);
    return raw("[");
  }

  public JsonWriter endArray() {
    first.pop();
    return raw("]");
  }

  public JsonWriter name(String name) {
    beforeValue();
    string(name);
    raw(":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String s) {
    beforeValue();
    if (s == null) {
      return raw("null");
    }
    return string(s);
  }

  public JsonWriter value(long v) {
    beforeValue();
    return raw(Long.toString(v));
  }

  public JsonWriter value(double v) {
    beforeValue();
    if (!Double.isFinite(v)) {
      return raw("null");
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return raw(Long.toString((long) v) + ".0");
    }
    return raw(Double.toString(v));
  }

  /** A float written with the shortest decimal that reads back as the same float. */
  public JsonWriter value(float v) {
    beforeValue();
    if (!Float.isFinite(v)) {
      return raw("null");
    }
    return raw(Float.toString(v));
  }

  public JsonWriter value(boolean v) {
    beforeValue();
    return raw(Boolean.toString(v));
  }

  public JsonWriter nullValue() {
    beforeValue();
    return raw("null");
  }

  public JsonWriter array(double[] values) {
    beginArray();
    for (double v : values) {
      value(v);
    }
    return endArray();
  }

  public JsonWriter array(long[] values) {
    beginArray();
    for (long v : values) {
      value(v);
    }
    return endArray();
  }

  private JsonWriter string(String s) {
    return raw(quote(s));
  }

  /** {@code s} as a JSON string literal, quotes included. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
