package io.trajstream.azure;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a storage connection string ({@code Name=value;...}) that direct reads need: the
 * blob endpoint ({@code BlobEndpoint}, or {@code DefaultEndpointsProtocol}, {@code AccountName}
 * and {@code EndpointSuffix}), and the credential ({@code AccountName}/{@code AccountKey} or
 * {@code SharedAccessSignature}). Names are matched without regard to case.
 */
final class ConnectionString {
  private final Map<String, String> parts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private ConnectionString(String text) {
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
  }

  /** The parts of {@code text}. */
  static ConnectionString parse(String text) {
    return new ConnectionString(text);
  }

  private String get(String name) {
    String v = parts.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Whether it names the local emulator by {@code UseDevelopmentStorage=true} (left to the SDK). */
  boolean developmentStorage() {
    return "true".equalsIgnoreCase(get("UseDevelopmentStorage"));
  }

  String accountName() {
    return get("AccountName");
  }

  String accountKey() {
    return get("AccountKey");
  }

  /** The SAS token without a leading {@code ?}, or null. */
  String sharedAccessSignature() {
    String s = get("SharedAccessSignature");
    return s != null && s.startsWith("?") ? s.substring(1) : s;
  }

  /** The blob service endpoint without a trailing slash, or null when the string does not say. */
  String blobEndpoint() {
    String e = get("BlobEndpoint");
    if (e == null && accountName() != null) {
      String protocol = get("DefaultEndpointsProtocol") == null ? "https" : get("DefaultEndpointsProtocol").toLowerCase(Locale.ROOT);
      String suffix = get("EndpointSuffix") == null ? "core.windows.net" : get("EndpointSuffix");
      e = protocol + "://" + accountName() + ".blob." + suffix;
    }
    while (e != null && e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    return e;
  }

  @Override
  public String toString() {
    return "ConnectionString[" + accountName() + "]"; // never the key or signature
  }
}
