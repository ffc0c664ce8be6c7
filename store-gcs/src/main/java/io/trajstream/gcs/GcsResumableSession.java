package io.trajstream.gcs;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.EmptyContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.trajstream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of the JSON API's resumable upload protocol ({@code uploadType=resumable}), sent
 * with the store client's own transport, credentials and timeouts: start a session (its URI comes
 * back in {@code Location}), send a chunk ({@code PUT} with {@code Content-Range: bytes
 * first-last/total}), ask how much is persisted ({@code PUT} with {@code Content-Range: bytes
 * *}{@code /total} and no body: {@code 308} with {@code Range: bytes=0-N}, or the object when the
 * upload is complete), and cancel. Answers are returned as they come; what to do about them is the
 * caller's ({@link GcsResumableUpload}).
 */
final class GcsResumableSession {
  private static final Pattern PERSISTED = Pattern.compile("bytes=0-(\\d+)");

  /**
   * One answer: its status, the bytes the server has persisted (from {@code Range}; -1 when the
   * answer does not say), the body (for errors and the finished object) and {@code Retry-After}.
   */
  record Answer(int status, long persisted, String body, String retryAfter) {
    /** Whether the upload is complete (the object was created). */
    boolean complete() {
      return status == 200 || status == 201;
    }

    /** Whether the server asks for more bytes. */
    boolean incomplete() {
      return status == 308;
    }
  }

  private final HttpRequestFactory requests;
  private final String host;

  private GcsResumableSession(HttpRequestFactory requests, String host) {
    this.requests = requests;
    this.host = host;
  }

  /** The endpoint the session requests go to, e.g. {@code https://storage.googleapis.com}. */
  String host() {
    return host;
  }

  /** Requests over {@code storage}'s HTTP transport and credentials. */
  static GcsResumableSession of(Storage storage) {
    StorageOptions options = storage.getOptions();
    if (!(options.getTransportOptions() instanceof HttpTransportOptions http)) {
      throw new IllegalStateException("resumable uploads need the client's HTTP/JSON transport");
    }
    HttpRequestFactory f = http.getHttpTransportFactory().create().createRequestFactory(http.getHttpRequestInitializer(options));
    String host = options.getHost();
    return new GcsResumableSession(f, host.endsWith("/") ? host.substring(0, host.length() - 1) : host);
  }

  /**
   * Starts a session for {@code size} bytes as {@code objectName} in {@code bucket}, created only
   * if the object is then still generation {@code generation} (0: still absent); returns the
   * answer, whose body is the session URI when the status is 200.
   */
  Answer start(String bucket, String objectName, long size, long generation) throws IOException {
    GenericUrl url = new GenericUrl(host + "/upload/storage/v1/b/" + bucket + "/o");
    url.set("uploadType", "resumable");
    url.set("ifGenerationMatch", Long.toString(generation));
    String metadata = "{\"name\":" + JsonWriter.quote(objectName) + ",\"contentType\":\"application/octet-stream\"}";
    HttpRequest r = requests.buildPostRequest(url,
        new ByteArrayContent("application/json; charset=UTF-8", metadata.getBytes(StandardCharsets.UTF_8)));
    r.getHeaders().set("X-Upload-Content-Type", "application/octet-stream");
    r.getHeaders().set("X-Upload-Content-Length", Long.toString(size));
    HttpResponse response = execute(r);
    String location = response.getHeaders().getLocation();
    if (response.getStatusCode() == 200 && location != null) {
      response.ignore();
      return new Answer(200, 0, location, null);
    }
    return answer(response);
  }

  /**
   * Sends {@code chunk} as the bytes from {@code offset} of {@code total}; {@code md5Base64}, on the
   * last chunk, is the whole object's MD5, which the server checks before it creates the object.
   */
  Answer put(String session, long offset, ByteBuffer chunk, long total, String md5Base64) throws IOException {
    int len = chunk.remaining();
    HttpRequest r = requests.buildPutRequest(new GenericUrl(session), new BufferContent(chunk));
    r.getHeaders().setContentRange("bytes " + offset + "-" + (offset + len - 1) + "/" + total);
    if (md5Base64 != null) {
      r.getHeaders().set("X-Goog-Hash", "md5=" + md5Base64);
    }
    return answer(execute(r));
  }

  /** Asks how many bytes of {@code total} the session has persisted. */
  Answer query(String session, long total) throws IOException {
    HttpRequest r = requests.buildPutRequest(new GenericUrl(session), new EmptyContent());
    r.getHeaders().setContentRange("bytes */" + total);
    return answer(execute(r));
  }

  /** Cancels the session (GCS answers 499); how that ends does not matter. */
  void cancel(String session) {
    try {
      execute(requests.buildDeleteRequest(new GenericUrl(session))).ignore();
    } catch (IOException | RuntimeException ignored) {
      // an unfinished session expires by itself after a week
    }
  }

  private static HttpResponse execute(HttpRequest r) throws IOException {
    r.setThrowExceptionOnExecuteError(false);
    r.setFollowRedirects(false); // 308 is the protocol's "resume incomplete", not a redirect
    return r.execute();
  }

  private static Answer answer(HttpResponse response) throws IOException {
    try {
      int status = response.getStatusCode();
      long persisted = -1;
      if (status == 308) {
        String range = response.getHeaders().getRange();
        Matcher m = range == null ? null : PERSISTED.matcher(range.trim());
        persisted = m != null && m.matches() ? Long.parseLong(m.group(1)) + 1 : 0;
      }
      String body = status == 308 ? "" : response.parseAsString();
      String retryAfter = response.getHeaders().getFirstHeaderStringValue("Retry-After");
      return new Answer(status, persisted, body == null ? "" : body, retryAfter);
    } finally {
      response.ignore(); // the body is read (or not wanted): the connection goes back to the pool
    }
  }


  /** A chunk's bytes as a request body that can be sent again. */
  private static final class BufferContent implements HttpContent {
    private final ByteBuffer data;

    BufferContent(ByteBuffer data) {
      this.data = data.duplicate();
    }

    @Override
    public long getLength() {
      return data.remaining();
    }

    @Override
    public String getType() {
      return "application/octet-stream";
    }

    @Override
    public boolean retrySupported() {
      return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      ByteBuffer d = data.duplicate();
      if (d.hasArray()) {
        out.write(d.array(), d.arrayOffset() + d.position(), d.remaining());
      } else {
        Channels.newChannel(out).write(d);
      }
      out.flush();
    }
  }
}
