package io.trajstream.store.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range} header: {@code bytes first-last/total}, or {@code bytes *}{@code /total}
 * on a 416; the total may be {@code *} (unknown).
 *
 * @param first first byte sent, or -1 for {@code *}
 * @param last last byte sent, or -1 for {@code *}
 * @param total the object's length, or -1 when the server did not say
 */
public record ContentRange(long first, long last, long total) {
  private static final Pattern RANGE = Pattern.compile("\\s*bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)\\s*");
  private static final Pattern UNSATISFIED = Pattern.compile("\\s*bytes\\s+\\*/(\\d{1,18})\\s*");

  /** The parsed header, or null when it is absent or malformed (a range backwards or past its total included). */
  public static ContentRange parse(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = RANGE.matcher(header);
    if (m.matches()) {
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
      if (last < first || (total >= 0 && last >= total)) {
        return null;
      }
      return new ContentRange(first, last, total);
    }
    Matcher u = UNSATISFIED.matcher(header);
    return u.matches() ? new ContentRange(-1, -1, Long.parseLong(u.group(1))) : null;
  }

  /** Bytes in the range. */
  public long length() {
    return last - first + 1;
  }
}
