package io.trajstream.format;

import io.trajstream.TrajStreamException;

/**
 * The stored content is malformed or uses something unsupported. The message names the file and
 * the object inside it, e.g. {@code s3://b/run.h5md: particles/trajectory/position/value: value has
 * 2 dims, expected 3}, always on one line.
 */
public class FormatException extends TrajStreamException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String object;

  public FormatException(String file, String object, String problem) {
    super(compose(file, object, problem));
    this.file = file;
    this.object = object;
  }

  public FormatException(String file, String object, String problem, Throwable cause) {
    super(compose(file, object, problem), cause);
    this.file = file;
    this.object = object;
  }

  private static String compose(String file, String object, String problem) {
    StringBuilder sb = new StringBuilder(file == null ? "" : file);
    if (object != null && !object.isEmpty()) {
      sb.append(sb.length() > 0 ? ": " : "").append(object);
    }
    return oneLine(sb.append(sb.length() > 0 ? ": " : "").append(problem).toString());
  }

  /**
   * The message on one line: names read from a corrupt file (and messages of libraries) may hold
   * line breaks and other control characters, which are shown escaped as in Java source.
   */
  private static String oneLine(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out == null) {
        continue;
      }
      if (!control) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? s : out.toString();
  }

  /** The file or store location. */
  public String file() {
    return file;
  }

  /** The object inside the file (dataset, group, array path), or null. */
  public String object() {
    return object;
  }
}
