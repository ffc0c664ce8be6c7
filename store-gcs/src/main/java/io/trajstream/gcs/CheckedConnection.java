package io.trajstream.gcs;

import io.trajstream.store.HttpReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The client's HTTP connection with {@link HttpReplies}' checks on every answer, since the GCS
 * client checks none of them: a 2xx answer to a ranged request must hold the range asked for (a
 * whole object or another range is refused, not read as the range), a body may not run past its
 * declared length or range, nor be framed only by the connection's close (an endless body), nor
 * trickle slower than {@value #MIN_BYTES_PER_WINDOW} bytes per read
 * timeout, and a redirect is never followed (its Location is hidden, so the client reports the
 * 3xx). Everything else is the JDK connection's.
 */
final class CheckedConnection extends HttpURLConnection {
  /** Fewest body bytes per read-timeout window before a body counts as too slow. */
  static final long MIN_BYTES_PER_WINDOW = 1024;

  private final HttpURLConnection c;
  private final Duration window;
  private static final long UNCHECKED = -2;
  private InputStream body;
  private long limit = UNCHECKED;

  CheckedConnection(HttpURLConnection c, Duration window) {
    super(c.getURL());
    this.c = c;
    this.window = window;
  }

  /**
   * The status, once the answer has been checked: an answer that does not fit the request is
   * refused here, where the client takes an exception as a failed exchange (it would take one
   * from {@link #getInputStream} as an error body).
   */
  @Override
  public int getResponseCode() throws IOException {
    int status = c.getResponseCode();
    if (limit == UNCHECKED) {
      try {
        long l = HttpReplies.bodyLimit(c.getRequestProperty("Range"), status, c.getHeaderField("Content-Range"),
            c.getHeaderField("Content-Length"));
        if (l < 0 && (status == 200 || status == 206) && c.getHeaderField("Transfer-Encoding") == null
            && !"HEAD".equals(c.getRequestMethod())) {
          throw new HttpReplies.Refused("the answer has neither a length nor chunked framing: its body ends only"
              + " when the server closes the connection, if ever");
        }
        limit = l;
      } catch (HttpReplies.Refused e) {
        c.disconnect();
        throw e;
      }
    }
    return status;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    if (body == null) {
      getResponseCode();
      body = HttpReplies.guard(c.getInputStream(), limit, window, MIN_BYTES_PER_WINDOW);
    }
    return body;
  }

  /** Whether the answer is a redirect, whose Location is hidden (a resumable upload's 200 keeps its own). */
  private boolean redirect() {
    try {
      return c.getResponseCode() / 100 == 3;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String getHeaderField(String name) {
    if ("Location".equalsIgnoreCase(name) && redirect()) {
      return null;
    }
    return c.getHeaderField(name);
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    if (!redirect()) {
      return c.getHeaderFields();
    }
    Map<String, List<String>> all = new java.util.LinkedHashMap<>(c.getHeaderFields());
    all.keySet().removeIf(k -> k != null && k.equalsIgnoreCase("Location"));
    return all;
  }

  @Override
  public String getHeaderFieldKey(int n) {
    return c.getHeaderFieldKey(n);
  }

  @Override
  public String getHeaderField(int n) {
    return c.getHeaderField(n);
  }

  @Override
  public void connect() throws IOException {
    c.connect();
  }

  @Override
  public void disconnect() {
    c.disconnect();
  }

  @Override
  public boolean usingProxy() {
    return c.usingProxy();
  }

  @Override
  public void addRequestProperty(String key, String value) {
    c.addRequestProperty(key, value);
  }

  @Override
  public void setRequestProperty(String key, String value) {
    c.setRequestProperty(key, value);
  }

  @Override
  public String getRequestProperty(String key) {
    return c.getRequestProperty(key);
  }

  @Override
  public Map<String, List<String>> getRequestProperties() {
    return c.getRequestProperties();
  }

  @Override
  public void setRequestMethod(String method) throws java.net.ProtocolException {
    c.setRequestMethod(method);
  }

  @Override
  public String getRequestMethod() {
    return c.getRequestMethod();
  }

  @Override
  public String getResponseMessage() throws IOException {
    return c.getResponseMessage();
  }

  @Override
  public InputStream getErrorStream() {
    return c.getErrorStream();
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return c.getOutputStream();
  }

  @Override
  public String getContentEncoding() {
    return c.getContentEncoding();
  }

  @Override
  public void setDoOutput(boolean doOutput) {
    c.setDoOutput(doOutput);
  }

  @Override
  public void setDoInput(boolean doInput) {
    c.setDoInput(doInput);
  }

  @Override
  public void setFixedLengthStreamingMode(long contentLength) {
    c.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {
    c.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setChunkedStreamingMode(int chunkLength) {
    c.setChunkedStreamingMode(chunkLength);
  }

  @Override
  public void setConnectTimeout(int timeout) {
    c.setConnectTimeout(timeout);
  }

  @Override
  public void setReadTimeout(int timeout) {
    c.setReadTimeout(timeout);
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    c.setInstanceFollowRedirects(false);
  }

  @Override
  public void setUseCaches(boolean useCaches) {
    c.setUseCaches(useCaches);
  }
}
