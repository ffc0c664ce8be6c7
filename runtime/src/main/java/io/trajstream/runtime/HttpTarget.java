package io.trajstream.runtime;

import io.trajstream.store.Keys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where an {@link HttpStore}'s objects live, from its root URL: the request URL of each key (the
 * key's path appended to the root's path, the root's query on every request), the Basic
 * credentials of a {@code user:password@} user-info (sent only to the root's own origin), and
 * display forms with every secret masked, for messages.
 */
final class HttpTarget {
  private final String base;
  private final String rawQuery;
  private final String displayBase;
  private final String displayQuery;
  private final String authorization;
  private final URI origin;
  private final UrlSecrets secrets;

  HttpTarget(URI root) {
    String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(UrlSecrets.redact(root.toString()) + ": not an http or https URL");
    }
    if (root.getHost() == null) {
      throw new IllegalArgumentException(UrlSecrets.redact(root.toString()) + ": names no host");
    }
    String path = root.getRawPath() == null || root.getRawPath().isEmpty() ? "/" : root.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    String hostPort = root.getRawAuthority().substring(root.getRawAuthority().lastIndexOf('@') + 1);
    this.base = scheme + "://" + hostPort + path;
    this.rawQuery = root.getRawQuery() == null || root.getRawQuery().isEmpty() ? null : root.getRawQuery();
    this.secrets = UrlSecrets.of(root);
    String userInfo = root.getRawUserInfo();
    this.authorization = userInfo == null ? null : basic(userInfo);
    String shownUser = userInfo == null ? ""
        : userInfo.indexOf(':') < 0 ? UrlSecrets.MASK + "@"
            : userInfo.substring(0, userInfo.indexOf(':')) + ":" + UrlSecrets.MASK + "@";
    this.displayBase = scheme + "://" + shownUser + hostPort + path;
    this.displayQuery = rawQuery == null ? null : UrlSecrets.maskQuery(rawQuery);
    this.origin = URI.create(scheme + "://" + hostPort + "/");
  }

  private static String basic(String rawUserInfo) {
    int colon = rawUserInfo.indexOf(':');
    String user = PercentEncoding.decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
    String password = colon < 0 ? "" : PercentEncoding.decode(rawUserInfo.substring(colon + 1));
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The root for display: secrets masked. */
  String root() {
    return displayQuery == null ? displayBase : displayBase + "?" + displayQuery;
  }

  /** The URL of {@code key} for display: secrets masked. */
  String location(String key) {
    String k = PercentEncoding.key(Keys.check(root(), key));
    return displayQuery == null ? displayBase + k : displayBase + k + "?" + displayQuery;
  }

  /** The URL to request for {@code key}: no user-info, the root's query appended. */
  URI uri(String key) {
    String k = PercentEncoding.key(Keys.check(root(), key));
    return URI.create(rawQuery == null ? base + k : base + k + "?" + rawQuery);
  }

  /** The {@code Authorization} header for requests to {@code uri}: only to the root's own origin. */
  String authorizationFor(URI uri) {
    if (authorization == null) {
      return null;
    }
    return sameOrigin(uri) ? authorization : null;
  }

  private boolean sameOrigin(URI uri) {
    return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(origin.getScheme())
        && uri.getHost() != null && uri.getHost().equalsIgnoreCase(origin.getHost())
        && port(uri) == port(origin);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** {@code text} with the root's secrets and any URL's secrets masked; control characters made spaces. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    return secrets.scrub(text).replaceAll("[\\r\\n\\t]+", " ");
  }
}
