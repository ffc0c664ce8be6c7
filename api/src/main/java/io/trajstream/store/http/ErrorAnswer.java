package io.trajstream.store.http;

import java.net.http.HttpHeaders;

/**
 * A non-success answer to one request of {@link ObjectReads}, for a store's {@link AnswerMapper}.
 *
 * @param request what was asked, for messages: {@code HEAD}, {@code GET}, or {@code ranged GET of N
 *     bytes at P}
 * @param status the HTTP status
 * @param headers the answer's headers
 * @param body the start of the error body as text (at most 64 KiB), empty for a HEAD
 */
public record ErrorAnswer(String request, int status, HttpHeaders headers, String body) {
  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The text of the first XML element {@code name} of the body ({@code <Code>...</Code>}), or null. */
  public String xmlElement(String name) {
    String open = "<" + name + ">";
    int start = body.indexOf(open);
    if (start < 0) {
      return null;
    }
    start += open.length();
    int end = body.indexOf("</" + name + ">", start);
    if (end < 0 || end - start > 2000 || body.substring(start, end).indexOf('<') >= 0) {
      return null;
    }
    return body.substring(start, end);
  }
}
