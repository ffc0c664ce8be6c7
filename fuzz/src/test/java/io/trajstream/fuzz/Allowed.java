package io.trajstream.fuzz;

import io.trajstream.analysis.select.SelectionException;
import io.trajstream.format.FormatException;
import io.trajstream.store.StoreException;

/**
 * The answers a parser may give to any input besides a value: one of the project's errors, on one
 * line, naming where the bad input is. Anything else a target sees is thrown on as a finding.
 */
final class Allowed {
  private Allowed() {}

  /** A {@link FormatException} that names one of {@code places} (a file or store location). */
  static void formatError(FormatException e, String... places) {
    namesOneOf(e, e.getMessage(), places);
  }

  /** A {@link StoreException} that names one of {@code places}. */
  static void storeError(StoreException e, String... places) {
    namesOneOf(e, e.getMessage(), places);
  }

  /** A {@link SelectionException} that quotes the selection {@code text} and then says, on one line, what is wrong. */
  static void selectionError(SelectionException e, String text) {
    String prefix = "selection '" + text + "': ";
    String m = e.getMessage();
    if (m == null || !m.startsWith(prefix)) {
      throw new AssertionError("selection error does not quote the selection: " + m, e);
    }
    oneLine(e, m.substring(prefix.length()));
  }

  private static void namesOneOf(Exception e, String message, String... places) {
    if (message == null) {
      throw new AssertionError("error without a message", e);
    }
    boolean named = false;
    for (String p : places) {
      named |= message.contains(p);
    }
    if (!named) {
      throw new AssertionError("error does not name " + String.join(" or ", places) + ": " + message, e);
    }
    oneLine(e, message);
  }

  private static void oneLine(Exception e, String message) {
    if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
      throw new AssertionError("error message spans several lines: " + message, e);
    }
  }
}
