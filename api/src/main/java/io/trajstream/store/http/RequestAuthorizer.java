package io.trajstream.store.http;

import java.net.URI;
import java.util.Map;

/**
 * Authorises one body-less request of {@link ObjectReads}: adds to {@code headers} what the store's
 * scheme asks for (a signature, a date, a token). A scheme whose credential travels in the query
 * (a pre-signed URL, a SAS token) or that has none adds nothing: {@link #NONE}.
 */
@FunctionalInterface
public interface RequestAuthorizer {
  /** Adds nothing. */
  RequestAuthorizer NONE = (method, uri, headers) -> { };

  /**
   * Adds the authorising headers of a {@code method} request for {@code uri} (as sent: raw path and
   * query) to {@code headers}, which already hold the request's own ({@code Range}, {@code If-Match}).
   */
  void authorize(String method, URI uri, Map<String, String> headers);
}
