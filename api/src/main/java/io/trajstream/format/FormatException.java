package io.trajstream.format;

import io.trajstream.TrajStreamException;

/**
 * The stored content is malformed or uses something unsupported. The message names the file and
 * the object inside it, e.g. {@code s3://b/run.h5md: particles/trajectory/position/value: value has
 * 2 dims, expected 3}.
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
    return sb.append(sb.length() > 0 ? ": " : "").append(problem).toString();
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
