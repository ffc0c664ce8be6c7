package io.trajstream.analysis.select;

/** A selection string that cannot be parsed or applied; the message names the string and the problem. */
public final class SelectionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SelectionException(String selection, String problem) {
    super("selection '" + selection + "': " + problem);
  }
}
