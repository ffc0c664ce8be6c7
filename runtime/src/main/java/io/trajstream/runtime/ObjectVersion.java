package io.trajstream.runtime;

import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * The version of an HTTP object a reader saw first: its strong ETag, else its Last-Modified date.
 * Later requests ask for that version only ({@code If-Match}, else {@code If-Unmodified-Since}), and
 * every response is checked against it, so bytes of two versions are never mixed.
 *
 * @param etag the strong ETag, quotes included, or null
 * @param lastModified the Last-Modified date as sent, or null when an ETag pins the version
 */
record ObjectVersion(String etag, String lastModified) {

  /** The version a response names, or null when it names none that can pin it (no ETag, a weak one and no date). */
  static ObjectVersion of(HttpHeaders headers) {
    String etag = headers.firstValue("ETag").map(String::trim).orElse(null);
    if (etag != null && !etag.isEmpty() && !etag.startsWith("W/")) {
      return new ObjectVersion(etag, null);
    }
    String date = headers.firstValue("Last-Modified").map(String::trim).orElse(null);
    return date == null || date.isEmpty() ? null : new ObjectVersion(null, date);
  }

  /** Adds the precondition that asks for this version only. */
  void addPrecondition(Map<String, String> headers) {
    if (etag != null) {
      headers.put("If-Match", etag);
    } else {
      headers.put("If-Unmodified-Since", lastModified);
    }
  }

  /** Whether a response is of this version (a response that names none is taken as this one). */
  boolean matches(HttpHeaders headers) {
    if (etag != null) {
      String seen = headers.firstValue("ETag").map(String::trim).orElse(null);
      return seen == null || seen.equals(etag);
    }
    String seen = headers.firstValue("Last-Modified").map(String::trim).orElse(null);
    return seen == null || seen.equals(lastModified);
  }

  @Override
  public String toString() {
    return etag != null ? "ETag " + etag : "Last-Modified " + lastModified;
  }
}
