package io.trajstream.gcs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.StoreException;
import io.trajstream.store.http.ErrorAnswer;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.http.ObjectReads;
import io.trajstream.store.http.PercentEncoding;
import io.trajstream.store.http.ReadPolicy;
import io.trajstream.store.http.RequestAuthorizer;
import io.trajstream.store.http.TransientHttpException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read requests of a GCS store (object metadata, ranged and whole {@code alt=media} downloads)
 * on the JSON API through api's {@link ObjectReads} and its blocking HTTP/1.1 client, instead of
 * through google-cloud-storage: a read-only run then builds no SDK client (nor loads its HTTP
 * stack), which costs a short command more CPU than its few requests. Lists and writes keep the SDK.
 *
 * <p>Used when {@value GcsOptions#DIRECT_READS} is not false: unsigned in {@value
 * GcsOptions#ANONYMOUS} mode (public buckets, emulators), else with the Application Default
 * Credentials' access token ({@link BearerAuthorizer}; google-auth-library fetches and refreshes
 * it, as it does for the client, whose credentials are the same object). What is GCS's here: the URLs (the object name percent-encoded as one
 * path segment; a pinned read names its {@code generation}), the JSON metadata, and the meaning of
 * error answers, in the SDK path's words ({@link GcsErrors}): 404 is "no such object", 401 and 403
 * "access denied"; 408, 429 and 5xx but 501 and 505 are retried up to {@value
 * GcsOptions#MAX_ATTEMPTS} times with {@link Backoff} ({@value GcsOptions#RETRY_INITIAL_DELAY_MS},
 * {@value GcsOptions#RETRY_MAX_DELAY_MS}) and the server's {@code Retry-After}. A try is bounded by
 * {@value GcsOptions#CONNECT_TIMEOUT_MS} and {@value GcsOptions#READ_TIMEOUT_MS} (for the answer,
 * and for each 64 KiB of a body); {@value GcsOptions#RETRY_TOTAL_TIMEOUT_MS} applies to the SDK's
 * requests only.
 */
final class GcsDirectReads implements AutoCloseable {
  /** Google's JSON-API endpoint, when no {@value GcsOptions#HOST} is given. */
  static final String DEFAULT_HOST = "https://storage.googleapis.com";

  /** Separates an object name from what is asked of it in the keys given to {@link ObjectReads}. */
  private static final char SEP = '\n';
  private static final String METADATA = "metadata";
  private static final String MEDIA = "media";

  private final ObjectReads reads;

  private GcsDirectReads(GcsOptions o, Function<String, URI> uris, RequestAuthorizer authorizer) {
    int maxAttempts = o.maxAttempts();
    ReadPolicy policy = new ReadPolicy(maxAttempts, maxAttempts - 1, o.readTimeout(),
        new Backoff(o.retryInitialDelay(), o.retryMaxDelay()), GcsOptions.READ_TIMEOUT_MS,
        GcsOptions.HOST + " (or " + GcsOptions.EMULATOR_HOST_ENV + ") and the network");
    this.reads = new ObjectReads(new Http1Client(o.connectTimeout(), null), uris, authorizer,
        GcsDirectReads::failure, policy);
  }

  /**
   * The reads of {@code bucket} without the SDK, authorised by {@code credentials} (null: unsigned,
   * for anonymous mode), or empty when {@value GcsOptions#DIRECT_READS} is false.
   */
  static Optional<GcsDirectReads> of(GcsOptions o, String bucket, com.google.auth.Credentials credentials) {
    if (!o.directReads()) {
      return Optional.empty();
    }
    RequestAuthorizer authorizer = credentials == null ? RequestAuthorizer.NONE : new BearerAuthorizer(credentials);
    return Optional.of(new GcsDirectReads(o, uris(o.host().orElse(DEFAULT_HOST), bucket), authorizer));
  }

  /** A request that needs a token the credentials could not get: a one-line error naming the location. */
  private static StoreException noToken(String location, BearerAuthorizer.TokenFailure e) {
    String m = String.valueOf(e.getCause().getMessage());
    int nl = m.indexOf('\n');
    return new StoreException(location, "no access token from the Application Default Credentials: "
        + (nl < 0 ? m : m.substring(0, nl)).trim(), e.getCause());
  }

  /** What a metadata request says of an object. */
  record Metadata(long size, long generation, String md5Base64) {}

  /** The object's size, generation and MD5 (null for composite objects); a missing one is a {@link FileNotFoundException}. */
  Metadata metadata(String name, String location) throws IOException {
    byte[] body;
    try {
      body = reads.getAll(name + SEP + METADATA, location);
    } catch (BearerAuthorizer.TokenFailure e) {
      throw noToken(location, e);
    }
    try {
      JsonObject j = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
      if (!j.has("size") || !j.has("generation")) {
        throw new IllegalStateException("the answer has no size or no generation");
      }
      long size = Long.parseLong(j.get("size").getAsString());
      long generation = Long.parseLong(j.get("generation").getAsString());
      JsonElement md5 = j.get("md5Hash");
      if (size < 0 || generation <= 0) {
        throw new NumberFormatException("size " + size + ", generation " + generation);
      }
      return new Metadata(size, generation, md5 == null || md5.isJsonNull() ? null : md5.getAsString());
    } catch (RuntimeException e) {
      throw new StoreException(location, "the object's metadata could not be read: " + e.getMessage(), e);
    }
  }

  /** Whether the object exists (a metadata request). */
  boolean exists(String name, String location) throws IOException {
    try {
      metadata(name, location);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Reads {@code len} bytes at {@code position}: one ranged download, of {@code generation} when
   * it is positive (a generation gone since is a {@link FileNotFoundException} saying so); a body
   * that breaks off is continued where it broke, as the client's read channel does.
   */
  void get(String name, String location, long generation, long position, byte[] buf, int off, int len)
      throws IOException {
    try {
      reads.getResuming(name + SEP + MEDIA + (generation > 0 ? ":" + generation : ""), location, position, buf, off, len, null);
    } catch (FileNotFoundException e) {
      if (generation <= 0) {
        throw e;
      }
      FileNotFoundException changed = new FileNotFoundException(location + ": no such object: generation "
          + generation + " is gone, the object changed or was deleted while it was being read; open it again");
      changed.initCause(e);
      throw changed;
    } catch (BearerAuthorizer.TokenFailure e) {
      throw noToken(location, e);
    }
  }

  /** The whole object (its live generation) in one download. */
  byte[] getAll(String name, String location) throws IOException {
    try {
      return reads.getAll(name + SEP + MEDIA, location);
    } catch (BearerAuthorizer.TokenFailure e) {
      throw noToken(location, e);
    }
  }

  /**
   * The URL of each request key: {@code name\nmetadata} → the object's JSON resource, {@code
   * name\nmedia[:generation]} → its download. GCS object names never hold a line feed.
   */
  static Function<String, URI> uris(String host, String bucket) {
    String base = host.replaceAll("/+$", "");
    String b = PercentEncoding.segment(bucket);
    return key -> {
      int cut = key.lastIndexOf(SEP);
      String name = PercentEncoding.segment(key.substring(0, cut));
      String what = key.substring(cut + 1);
      if (what.equals(METADATA)) {
        return URI.create(base + "/storage/v1/b/" + b + "/o/" + name + "?fields=size,generation,md5Hash");
      }
      String generation = what.startsWith(MEDIA + ":") ? "&generation=" + what.substring(MEDIA.length() + 1) : "";
      return URI.create(base + "/download/storage/v1/b/" + b + "/o/" + name + "?alt=media" + generation);
    };
  }

  /** What an error answer of the JSON API means: worth another try, or the SDK path's error. */
  static IOException failure(String location, ErrorAnswer a) {
    int s = a.status();
    String reason = reason(a.body());
    if (HttpReplies.retryableStatus(s)) {
      return new TransientHttpException("HTTP " + s + (reason == null ? "" : " " + reason),
          HttpReplies.retryAfter(a.header("Retry-After"), Instant.now()));
    }
    String r = reason == null ? "" : " (" + reason + ")";
    switch (s) {
      case 404:
        return new FileNotFoundException(location + ": no such object");
      case 401:
      case 403:
        return new StoreException(location, "access denied" + r + ": check the credentials (Application Default "
            + "Credentials), or use " + GcsOptions.ANONYMOUS + "=true for a public bucket");
      case 412:
        return new StoreException(location, "a precondition failed" + r);
      case 416:
        return new java.io.EOFException(location + ": " + a.request() + " passes the end of the object" + r);
      default:
        return new StoreException(location, a.request() + " failed with HTTP " + s + r + message(a.body()));
    }
  }

  /** {@code error.errors[0].reason} of a JSON error body, or null. */
  private static String reason(String body) {
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      return error.getAsJsonArray("errors").get(0).getAsJsonObject().get("reason").getAsString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code ": " + error.message} of a JSON error body (its first line, at most 300 characters), or "". */
  private static String message(String body) {
    try {
      String m = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").get("message").getAsString();
      int nl = m.indexOf('\n');
      m = (nl < 0 ? m : m.substring(0, nl)).trim();
      return m.isEmpty() ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m);
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Override
  public void close() {
    reads.close();
  }
}
