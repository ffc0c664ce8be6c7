package io.trajstream.store;

/** Key rules shared by stores: {@code /}-separated, relative, no {@code .} or {@code ..} segments. */
public final class Keys {
  private Keys() {}

  /**
   * Checks a key and returns it without leading slashes.
   *
   * @throws IllegalArgumentException naming the root when the key is empty or escapes the root
   */
  public static String check(String root, String key) {
    if (key == null) {
      throw new IllegalArgumentException(root + ": null key");
    }
    String k = key;
    while (k.startsWith("/")) {
      k = k.substring(1);
    }
    if (k.isEmpty()) {
      throw new IllegalArgumentException(root + ": empty key");
    }
    for (String part : k.split("/", -1)) {
      if (part.equals("..") || part.equals(".")) {
        throw new IllegalArgumentException(root + ": key '" + key + "' escapes or leaves the store root");
      }
    }
    if (k.indexOf('\0') >= 0 || k.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(root + ": key '" + key + "' holds a NUL or backslash");
    }
    return k;
  }

  /** Joins a prefix and a key with exactly one {@code /}. */
  public static String join(String prefix, String key) {
    if (prefix == null || prefix.isEmpty()) {
      return key;
    }
    return prefix.endsWith("/") ? prefix + key : prefix + "/" + key;
  }

  /** The parent "directory" of a key, or the empty string. */
  public static String parent(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }
}
