package io.trajstream.runtime.zip;

import java.util.Locale;

/**
 * Which URLs name a single-file zarr: those written {@code zip:URL} and those whose name ends in
 * {@code .zarrmd.zip}.
 */
public final class ZipUrls {
  /** The prefix that marks a zip archive whatever its name. */
  public static final String PREFIX = "zip:";
  /** The name ending that marks a single-file zarrmd. */
  public static final String SUFFIX = ".zarrmd.zip";

  private ZipUrls() {}

  /** Whether {@code url} names a zip archive to be read or written as a store. */
  public static boolean isZip(String url) {
    if (url == null) {
      return false;
    }
    String u = url.trim();
    if (u.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return true;
    }
    int cut = u.indexOf('?');
    String path = (cut >= 0 ? u.substring(0, cut) : u).toLowerCase(Locale.ROOT);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.endsWith(SUFFIX);
  }

  /** The archive's own URL: {@code url} without a leading {@code zip:}. */
  public static String archive(String url) {
    String u = url.trim();
    return u.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? u.substring(PREFIX.length()) : u;
  }

  /** The name inside which the archive's format is told: {@code run.zarrmd.zip} gives {@code run.zarrmd}. */
  public static String innerName(String key) {
    return key.toLowerCase(Locale.ROOT).endsWith(".zip") ? key.substring(0, key.length() - 4) : key;
  }
}
