package io.trajstream;

import java.util.Locale;

/**
 * Which option values are secrets, and how they are shown: the value of any option whose name
 * holds "key", "secret", "token", "sas", "password", "credential", "signature" or
 * "connection-string" (in any case) is printed as {@code ****}, wherever options are printed.
 */
public final class Secrets {
  /** What a secret value is printed as. */
  public static final String MASK = "****";
  private static final String[] MARKERS = {
    "key", "secret", "token", "sas", "password", "credential", "signature", "connection-string"
  };

  private Secrets() {}

  /** Whether the value of option {@code name} must never be printed. */
  public static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String marker : MARKERS) {
      if (n.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** {@code value}, or {@link #MASK} when option {@code name} holds a secret. */
  public static String shown(String name, String value) {
    return isSecret(name) ? MASK : value;
  }

  /**
   * A command-line entry as it may be printed. A {@code name=value} entry shows its value unless
   * the name is secret; an entry that is not {@code name=value} (e.g. {@code name:value}) shows at
   * most the name before its first {@code :} or blank, never what follows, and nothing of an entry
   * without such a separator that holds a secret name.
   */
  public static String shownEntry(String entry) {
    int eq = entry.indexOf('=');
    if (eq > 0) {
      String name = entry.substring(0, eq);
      return isSecret(name) ? name + "=" + MASK : entry;
    }
    int sep = -1;
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c == ':' || c == '=' || Character.isWhitespace(c)) {
        sep = i;
        break;
      }
    }
    if (sep >= 0) {
      return entry.substring(0, sep + 1) + MASK;
    }
    return isSecret(entry) ? MASK : entry;
  }
}
