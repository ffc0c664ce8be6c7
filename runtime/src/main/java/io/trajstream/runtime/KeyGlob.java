package io.trajstream.runtime;

import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A trajectory URL whose last path segment holds {@code *} (any run of characters, {@code /}
 * excepted), e.g. {@code s3://bucket/run/part*.h5md}: expanded by one listing of the store below
 * the pattern's literal prefix, and sorted naturally ({@code part2} before {@code part10}). A
 * matching name may be an object or a directory-shaped trajectory (e.g. {@code a.zarrmd/}).
 */
public final class KeyGlob {
  private KeyGlob() {}

  /** Whether {@code url} holds a pattern to expand. */
  public static boolean isPattern(String url) {
    return lastSegment(url).contains("*");
  }

  /**
   * The URLs that {@code pattern}'s last segment matches below its store root, naturally sorted.
   *
   * @throws FileNotFoundException when nothing matches (naming the pattern)
   */
  public static List<String> expand(TrajStream ts, String pattern, io.trajstream.store.StoreConfig config)
      throws IOException {
    if (pattern.substring(0, segmentStart(pattern)).contains("*")) {
      throw new IllegalArgumentException(UrlSecrets.redact(pattern)
          + ": only the last path segment may hold '*' (e.g. s3://bucket/run/part*.h5md)");
    }
    StoreUrl u = StoreUrl.parse(pattern.replace("*", "STAR"));
    String typedSegment = lastSegment(pattern);
    String glob = PercentEncoding.decode(typedSegment);
    String prefix = glob.substring(0, glob.indexOf('*'));
    Pattern regex = toRegex(glob);
    TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
    try (Store store = ts.openStore(u.withKey(""), config)) {
      if (!store.capabilities().listable()) {
        throw new IllegalArgumentException(UrlSecrets.redact(pattern)
            + ": this store cannot list its keys, so '*' cannot be expanded; give the parts one by one");
      }
      try (Stream<StoreEntry> entries = store.list(prefix)) {
        entries.forEach(e -> {
          String k = e.key();
          int slash = k.indexOf('/');
          String name = slash < 0 ? k : k.substring(0, slash);
          if (regex.matcher(name).matches()) {
            names.add(name);
          }
        });
      }
    }
    if (names.isEmpty()) {
      throw new FileNotFoundException(UrlSecrets.redact(pattern) + ": no object matches this pattern");
    }
    String head = pattern.substring(0, segmentStart(pattern));
    String tail = pattern.substring(segmentStart(pattern) + typedSegment.length());
    boolean isUrl = pattern.contains("://") || pattern.startsWith("file:");
    return names.stream().map(n -> head + (isUrl ? PercentEncoding.key(n) : n) + tail).toList();
  }

  private static Pattern toRegex(String glob) {
    List<String> quoted = new java.util.ArrayList<>();
    for (String piece : glob.split("\\*", -1)) {
      quoted.add(Pattern.quote(piece));
    }
    return Pattern.compile(String.join("[^/]*", quoted));
  }

  /** The last path segment as typed (before any query). */
  private static String lastSegment(String url) {
    int start = segmentStart(url);
    int end = queryStart(url);
    while (end > start + 1 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(start, Math.max(start, end));
  }

  private static int segmentStart(String url) {
    int end = queryStart(url);
    String path = url.substring(0, end);
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  }

  private static int queryStart(String url) {
    if (!url.contains("://")) {
      return url.length();
    }
    int q = url.indexOf('?');
    return q < 0 ? url.length() : q;
  }
}
