package io.trajstream.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A trajectory URL split into the store root (scheme, bucket or directory, prefix) and the key of
 * the trajectory below it: {@code s3://bucket/runs/a.h5md} is root {@code s3://bucket/runs/} and key
 * {@code a.h5md}. Plain paths and {@code file:} URLs become file roots.
 */
public record StoreUrl(String scheme, URI root, String key) {

  /** Parses {@code url}; a trailing {@code /} (a zarr directory) is dropped from the key. */
  public static StoreUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("empty trajectory URL");
    }
    String u = url.trim();
    while (u.length() > 1 && u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    int colon = u.indexOf("://");
    boolean windowsDrive = u.length() > 2 && u.charAt(1) == ':' && Character.isLetter(u.charAt(0));
    if (colon < 0 && !u.startsWith("file:") && !u.startsWith("mem:")) {
      return ofPath(Path.of(u));
    }
    if (windowsDrive) {
      return ofPath(Path.of(u));
    }
    if (u.startsWith("file:")) {
      try {
        return ofPath(Path.of(new URI(u.replace(" ", "%20"))));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalArgumentException("bad file URL '" + url + "': " + e.getMessage());
      }
    }
    String scheme = u.substring(0, u.indexOf(':')).toLowerCase(Locale.ROOT);
    String rest = u.substring(u.indexOf(':') + 1);
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    int firstSlash = rest.indexOf('/');
    if (firstSlash < 0) {
      throw new IllegalArgumentException("URL '" + url + "' names no object below " + scheme + "://" + rest);
    }
    int lastSlash = rest.lastIndexOf('/');
    String authority = rest.substring(0, firstSlash);
    String dir = rest.substring(firstSlash, lastSlash + 1);
    String key = rest.substring(lastSlash + 1);
    return new StoreUrl(scheme, URI.create(scheme + "://" + authority + encodePath(dir)), key);
  }

  private static StoreUrl ofPath(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    return new StoreUrl("file", parent.toUri(), abs.getFileName() == null ? "" : abs.getFileName().toString());
  }

  private static String encodePath(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad path '" + path + "'", e);
    }
  }

  /** The URL again, for messages. */
  @Override
  public String toString() {
    String r = root.toString();
    return r.endsWith("/") ? r + key : r + "/" + key;
  }
}
