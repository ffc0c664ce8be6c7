package io.trajstream.runtime;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A trajectory URL split into the store root (scheme, bucket or directory, prefix) and the key of
 * the trajectory below it: {@code s3://bucket/runs/a.h5md} is root {@code s3://bucket/runs/} and key
 * {@code a.h5md}. Plain paths and {@code file:} URLs become file roots.
 *
 * <p>URLs are read as URLs: the query ({@code ?X-Amz-Signature=…}, a SAS token) and the user-info
 * ({@code user:password@}) stay on the root, for the store to send with every request; escapes the
 * user typed are kept ({@code my%20dir} stays {@code my%20dir}, never {@code my%2520dir}) and only
 * characters a URL cannot hold (spaces, non-ASCII) are encoded; the key is plain text, its escapes
 * decoded ({@code a%20b.h5md} is the key {@code a b.h5md}). {@link #toString()} masks secrets.
 */
public record StoreUrl(String scheme, URI root, String key) {

  /** Parses {@code url}; a trailing {@code /} (a zarr directory) is dropped from the key. */
  public static StoreUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("empty trajectory URL");
    }
    String u = url.trim();
    boolean windowsDrive = u.length() > 2 && u.charAt(1) == ':' && Character.isLetter(u.charAt(0));
    if (windowsDrive || (!u.contains("://") && !u.startsWith("file:") && !u.startsWith("mem:"))) {
      return ofPath(stripTrailingSlashes(u), url);
    }
    if (u.startsWith("file:")) {
      return ofFileUrl(u, url);
    }
    String scheme = u.substring(0, u.indexOf(':')).toLowerCase(Locale.ROOT);
    String rest = u.substring(u.indexOf(':') + 1);
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    if (rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException("URL '" + UrlSecrets.redact(url)
          + "' has a fragment (#…); write a # that belongs to a name as %23");
    }
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    rest = stripTrailingSlashes(rest);
    int firstSlash = rest.indexOf('/');
    if (firstSlash < 0) {
      throw new IllegalArgumentException("URL '" + UrlSecrets.redact(url) + "' names no object below "
          + UrlSecrets.redact(scheme + "://" + rest));
    }
    int lastSlash = rest.lastIndexOf('/');
    String authority = authority(rest.substring(0, firstSlash));
    String dir = rest.substring(firstSlash, lastSlash + 1);
    String key = PercentEncoding.decode(rest.substring(lastSlash + 1));
    String root = scheme + "://" + authority + PercentEncoding.path(dir)
        + (query == null || query.isEmpty() ? "" : "?" + PercentEncoding.query(query));
    try {
      return new StoreUrl(scheme, URI.create(root), key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad URL '" + UrlSecrets.redact(url) + "': "
          + UrlSecrets.redactUrlsIn(e.getMessage()));
    }
  }

  /** Encodes what a user-info cannot hold; the host and port stay as typed. */
  private static String authority(String typed) {
    int at = typed.lastIndexOf('@');
    return at < 0 ? typed : PercentEncoding.userInfo(typed.substring(0, at)) + typed.substring(at);
  }

  private static String stripTrailingSlashes(String s) {
    String out = s;
    while (out.length() > 1 && out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  /**
   * {@code file:/p}, {@code file:///p} and {@code file://localhost/p}, with escapes decoded and raw
   * non-ASCII taken as it is.
   */
  private static StoreUrl ofFileUrl(String u, String typed) {
    String rest = u.substring("file:".length());
    int cut = indexOfAny(rest, '?', '#');
    if (cut >= 0) {
      rest = rest.substring(0, cut);
    }
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
        throw new IllegalArgumentException("file URL '" + typed + "' names host '" + host
            + "'; only local files (file:///path) can be opened");
      }
      rest = slash < 0 ? "/" : rest.substring(slash);
    }
    String path = PercentEncoding.decode(rest);
    if (path.length() > 2 && path.charAt(0) == '/' && path.charAt(2) == ':' && Character.isLetter(path.charAt(1))) {
      path = path.substring(1); // file:///C:/data
    }
    return ofPath(stripTrailingSlashes(path), typed);
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private static StoreUrl ofPath(String path, String typed) {
    Path abs;
    try {
      abs = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("bad path '" + typed + "': " + e.getMessage());
    }
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    return new StoreUrl("file", parent.toUri(), abs.getFileName() == null ? "" : abs.getFileName().toString());
  }

  /** The same store root with another key, e.g. an index beside the trajectory. */
  public StoreUrl withKey(String otherKey) {
    return new StoreUrl(scheme, root, otherKey);
  }

  /**
   * The URL again for messages: the root's path as given, the key, and the query; a user-info
   * password and secret query values masked.
   */
  @Override
  public String toString() {
    String r = root.toString();
    String query = root.getRawQuery();
    String base = query == null ? r : r.substring(0, r.length() - query.length() - 1);
    String whole = (base.endsWith("/") ? base : base + "/") + key + (query == null ? "" : "?" + query);
    return UrlSecrets.redact(whole);
  }
}
