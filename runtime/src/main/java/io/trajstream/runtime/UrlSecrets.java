package io.trajstream.runtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the secrets a URL may carry out of messages: the password of its user-info (or the whole
 * user-info when it is a bare token) and the values of query parameters that sign or authorise a
 * request ({@code sig}, {@code X-Amz-Signature}, {@code X-Amz-Credential}, {@code
 * X-Amz-Security-Token}, {@code token}, {@code password}, and any name holding "signature", "token",
 * "secret", "password" or "credential"). {@link #redact(String)} rewrites one URL for display;
 * {@link #scrub(String)} removes a URL's secret values from any text, such as a message from the
 * HTTP client that quotes the request.
 */
public final class UrlSecrets {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  private static final Set<String> SECRET_NAMES =
      Set.of("sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
          "x-goog-signature", "x-goog-credential", "token", "access_token", "password", "key",
          "api_key", "apikey", "secret", "secret_key", "sas", "code");
  private static final String[] SECRET_PARTS = {"signature", "token", "secret", "password", "credential"};
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@");

  private final List<String> secrets;

  private UrlSecrets(List<String> secrets) {
    this.secrets = secrets;
  }

  /** The secrets of {@code url} (user-info, secret query values), raw and percent-decoded. */
  public static UrlSecrets of(URI url) {
    Set<String> found = new LinkedHashSet<>();
    String userInfo = url.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      addBoth(found, colon < 0 ? userInfo : userInfo.substring(colon + 1));
    }
    String query = url.getRawQuery();
    if (query != null) {
      for (String param : query.split("&")) {
        int eq = param.indexOf('=');
        if (eq > 0 && isSecretParameter(decode(param.substring(0, eq)))) {
          addBoth(found, param.substring(eq + 1));
        }
      }
    }
    List<String> list = new ArrayList<>();
    for (String s : found) {
      if (s.length() >= 3) {
        list.add(s);
      }
    }
    // longest first, so a secret that contains another is replaced whole
    list.sort((a, b) -> b.length() - a.length());
    return new UrlSecrets(List.copyOf(list));
  }

  private static void addBoth(Set<String> into, String raw) {
    into.add(raw);
    into.add(decode(raw));
  }

  /** Whether a query parameter of this name carries a secret. */
  public static boolean isSecretParameter(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (SECRET_NAMES.contains(n)) {
      return true;
    }
    for (String part : SECRET_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with every secret of this URL replaced by {@link #MASK}; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return redactUrlsIn(out);
  }

  /**
   * {@code url} for display: a user-info password (or a user-info without a password, which is
   * usually a token) masked, and the values of secret query parameters masked. Works on text that
   * is not a valid URI too.
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String out = url;
    Matcher m = USER_INFO.matcher(out);
    if (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String shown = colon < 0 ? MASK : info.substring(0, colon) + ":" + MASK;
      out = m.group(1) + shown + "@" + out.substring(m.end());
    }
    int q = out.indexOf('?');
    if (q < 0) {
      return out;
    }
    int hash = out.indexOf('#', q);
    String query = hash < 0 ? out.substring(q + 1) : out.substring(q + 1, hash);
    String tail = hash < 0 ? "" : out.substring(hash);
    return out.substring(0, q + 1) + maskQuery(query) + tail;
  }

  /** A raw query string with the values of secret parameters masked. */
  public static String maskQuery(String rawQuery) {
    StringBuilder b = new StringBuilder(rawQuery.length());
    for (String param : rawQuery.split("&", -1)) {
      if (b.length() > 0) {
        b.append('&');
      }
      int eq = param.indexOf('=');
      if (eq > 0 && isSecretParameter(decode(param.substring(0, eq)))) {
        b.append(param, 0, eq + 1).append(MASK);
      } else {
        b.append(param);
      }
    }
    return b.toString();
  }

  private static final Pattern URL_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"<>]+");

  /** {@code text} with every URL in it (e.g. one quoted by an exception) passed through {@link #redact}. */
  public static String redactUrlsIn(String text) {
    if (text == null) {
      return null;
    }
    if (text.indexOf("://") < 0) {
      return text;
    }
    Matcher m = URL_IN_TEXT.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(redact(m.group())));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
