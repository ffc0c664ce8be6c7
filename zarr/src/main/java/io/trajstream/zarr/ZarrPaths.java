package io.trajstream.zarr;

/** Path and key rules of a Zarr v2 hierarchy: "/"-separated paths, metadata keys below them. */
public final class ZarrPaths {
  private ZarrPaths() {}

  /** Strips leading and trailing slashes. */
  public static String normalize(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** The key of {@code name} below {@code path}. */
  public static String key(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }

  /** The path of child {@code name} of {@code path}. */
  public static String child(String path, String name) {
    return key(normalize(path), normalize(name));
  }

  /** Whether {@code key} names a metadata document. */
  public static boolean isMetadataKey(String key) {
    String last = key.substring(key.lastIndexOf('/') + 1);
    return last.equals(".zarray") || last.equals(".zgroup") || last.equals(".zattrs");
  }
}
