package io.trajstream.gcs;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trajstream.store.IoExecutors;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * A small Google Cloud Storage JSON-API server on the JDK {@link HttpServer}, bound to 127.0.0.1,
 * for tests: buckets, multipart and resumable uploads (gzip request bodies too; sessions persist
 * whole multiples of 256 KiB until the last request, answer status queries, and can be cancelled), {@code alt=media}
 * downloads with {@code Range}, listing with prefix, delimiter and pagination, deletes,
 * generation preconditions, and GCS-shaped errors. It records every request, can insist that no
 * request carries an {@code Authorization} header, and injects faults (status codes, dropped
 * connections, truncated bodies) on chosen requests.
 */
public final class GcsTestServer implements Closeable {
  static {
    // Must be set before the first HttpServer is created: small responses go out without delay.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Gson GSON = new Gson();

  /**
   * One request as the server saw it. It is recorded on arrival and its status is set just before
   * the response goes out, so a client that got its answer always finds its request here.
   */
  public static final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private volatile int status;

    Request(String method, String path, Map<String, String> query, Map<String, String> headers) {
      this.method = method;
      this.path = path;
      this.query = Map.copyOf(query);
      this.headers = Map.copyOf(headers);
    }

    public String method() {
      return method;
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
      return path;
    }

    /** The decoded query parameters. */
    public Map<String, String> query() {
      return query;
    }

    /** Request headers, names lower-cased. */
    public Map<String, String> headers() {
      return headers;
    }

    /** The response status; -1 for a dropped connection, negative for a cut body, 0 while open. */
    public int status() {
      return status;
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether this is a media (object content) download. */
    public boolean isMediaDownload() {
      return method.equals("GET") && "media".equals(query.get("alt"));
    }

    /** Whether this is an object metadata read. */
    public boolean isMetadataGet() {
      return method.equals("GET") && !isMediaDownload() && path.contains("/o/");
    }

    @Override
    public String toString() {
      return method + " " + path + " " + query + " -> " + status;
    }
  }

  /** What an injected fault does to a matching request. */
  public enum Fault {
    /** Answer 503 with GCS's JSON error body. */
    SERVICE_UNAVAILABLE,
    /** Answer 500 with GCS's JSON error body. */
    INTERNAL_ERROR,
    /** Answer 429 with GCS's JSON error body. */
    TOO_MANY_REQUESTS,
    /** Close the connection without answering. */
    DROP_CONNECTION,
    /** Send headers and half of the body, then close the connection. */
    TRUNCATE_BODY,
    /**
     * Carry the request out (store the upload, delete the object), then close the connection
     * without answering: the client cannot tell that it succeeded and tries again. The action
     * set with {@link #afterApplying} runs in between (e.g. another writer).
     */
    APPLY_THEN_DROP
  }

  private record FaultRule(Predicate<Request> when, Fault fault, AtomicInteger remaining) {}

  private record StoredObject(
      String bucket, String name, byte[] data, long generation, long metageneration, String contentType, Instant created) {}

  private static final class Upload {
    final String bucket;
    final String name;
    final JsonObject metadata;
    final Map<String, String> query;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    StoredObject result;

    Upload(String bucket, String name, JsonObject metadata, Map<String, String> query) {
      this.bucket = bucket;
      this.name = name;
      this.metadata = metadata;
      this.query = query;
    }
  }

  /** Non-final requests of a resumable upload persist whole multiples of this many bytes. */
  static final int RESUMABLE_QUANTUM = 256 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String endpoint;
  private final Map<String, NavigableMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
  private final AtomicInteger faultsInjected = new AtomicInteger();
  private volatile boolean rejectAuthorization;
  private volatile int maxPageSize = 1000;
  private volatile PeriodicFaults everyNth;
  private volatile Runnable afterApplying;

  private GcsTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    executor = IoExecutors.newBoundedPool("gcs-test-server", 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static GcsTestServer start() throws IOException {
    return new GcsTestServer();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String endpoint() {
    return endpoint;
  }

  /** Creates a bucket directly (no request). */
  public void createBucket(String bucket) {
    buckets.putIfAbsent(bucket, new ConcurrentSkipListMap<>());
  }

  /** Places an object directly (no request). */
  public void putObject(String bucket, String name, byte[] data) {
    createBucket(bucket);
    buckets.get(bucket).put(name, newObject(bucket, name, data.clone(), "application/octet-stream"));
  }

  /** The content of an object, if present. */
  public Optional<byte[]> object(String bucket, String name) {
    NavigableMap<String, StoredObject> b = buckets.get(bucket);
    StoredObject o = b == null ? null : b.get(name);
    return o == null ? Optional.empty() : Optional.of(o.data().clone());
  }

  /** The generation of an object, if present. */
  public Optional<Long> generation(String bucket, String name) {
    NavigableMap<String, StoredObject> b = buckets.get(bucket);
    StoredObject o = b == null ? null : b.get(name);
    return o == null ? Optional.empty() : Optional.of(o.generation());
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /** When set, any request carrying an {@code Authorization} header is refused with 401. */
  public void rejectAuthorization(boolean reject) {
    this.rejectAuthorization = reject;
  }

  /** Caps the page size of object listings (GCS's own cap is 1000). */
  public void maxPageSize(int size) {
    this.maxPageSize = size;
  }

  /** Injects {@code fault} into the next {@code times} requests matching {@code when}. */
  public void inject(Predicate<Request> when, Fault fault, int times) {
    faults.add(new FaultRule(when, fault, new AtomicInteger(times)));
  }

  /**
   * Injects faults into every {@code n}-th request matching {@code when}, cycling through {@code
   * kinds}, but never twice into the same request (same method, path, query and Range): a retry
   * of a failed request goes through, so the outcome does not depend on thread timing.
   */
  public void injectEvery(Predicate<Request> when, int n, Fault... kinds) {
    everyNth = new PeriodicFaults(when, n, kinds);
  }

  /** Runs {@code action} after each {@link Fault#APPLY_THEN_DROP} request was carried out, before hanging up. */
  public void afterApplying(Runnable action) {
    this.afterApplying = action;
  }

  /** Removes all fault rules that have not fired yet. */
  public void clearFaults() {
    faults.clear();
    everyNth = null;
  }

  private static final class PeriodicFaults {
    final Predicate<Request> when;
    final int n;
    final Fault[] kinds;
    final AtomicInteger seen = new AtomicInteger();
    final Map<String, Boolean> faulted = new ConcurrentHashMap<>();

    PeriodicFaults(Predicate<Request> when, int n, Fault[] kinds) {
      this.when = when;
      this.n = n;
      this.kinds = kinds.clone();
    }

    Fault take(Request r) {
      if (!when.test(r)) {
        return null;
      }
      String key = r.method() + " " + r.path() + " " + r.query() + " " + r.header("Range");
      if (faulted.containsKey(key)) {
        return null;
      }
      int i = seen.incrementAndGet();
      if (i % n != 0 || faulted.putIfAbsent(key, Boolean.TRUE) != null) {
        return null;
      }
      return kinds[(i / n) % kinds.length];
    }
  }

  /** How many faults were injected so far. */
  public int faultsInjected() {
    return faultsInjected.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- dispatch

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String method = ex.getRequestMethod();
    Request seen = new Request(method, path, query, headers);
    requests.add(seen);
    CURRENT.set(seen);
    try {
      Fault fault = takeFault(seen);
      if (fault != null) {
        int status = injectFault(ex, fault, seen);
        if (status < 0) {
          seen.status = status;
          // The JDK server closes the connection when a handler throws, without ending the exchange.
          throw new IOException("test server hangs up (" + fault + ")");
        }
      } else if (rejectAuthorization && headers.containsKey("authorization")) {
        error(ex, 401, "required", "Anonymous request expected, got an Authorization header");
      } else {
        route(ex, method, path, query);
      }
    } catch (BadRequest e) {
      error(ex, 400, "invalid", e.getMessage());
    } catch (RuntimeException e) {
      error(ex, 500, "backendError", "test server failure: " + e);
    } finally {
      CURRENT.remove();
    }
    ex.close();
  }

  private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

  /** Sends the status line and headers, noting the status on the request record first. */
  private static void respond(HttpExchange ex, int status, long length) throws IOException {
    Request r = CURRENT.get();
    if (r != null) {
      r.status = status;
    }
    ex.sendResponseHeaders(status, length);
  }

  private Fault takeFault(Request r) {
    PeriodicFaults periodic = everyNth;
    if (periodic != null) {
      Fault f = periodic.take(r);
      if (f != null) {
        faultsInjected.incrementAndGet();
        return f;
      }
    }
    for (FaultRule rule : faults) {
      if (rule.when().test(r)) {
        while (true) {
          int left = rule.remaining().get();
          if (left <= 0) {
            break;
          }
          if (rule.remaining().compareAndSet(left, left - 1)) {
            faultsInjected.incrementAndGet();
            return rule.fault();
          }
        }
      }
    }
    return null;
  }

  private int injectFault(HttpExchange ex, Fault fault, Request r) throws IOException {
    switch (fault) {
      case SERVICE_UNAVAILABLE:
        return error(ex, 503, "backendError", "We encountered an internal error. Please try again.");
      case INTERNAL_ERROR:
        return error(ex, 500, "backendError", "We encountered an internal error. Please try again.");
      case TOO_MANY_REQUESTS:
        return error(ex, 429, "rateLimitExceeded", "The rate of change requests to the object is too high.");
      case DROP_CONNECTION:
        ex.getRequestBody().readAllBytes();
        return -1;
      case TRUNCATE_BODY:
        int status = route(ex, r.method(), r.path(), r.query(), true);
        return r.isMediaDownload() ? -status : status; // only downloads are cut short
      case APPLY_THEN_DROP:
        route(new Unanswered(ex), r.method(), r.path(), r.query(), false);
        Runnable action = afterApplying;
        if (action != null) {
          action.run();
        }
        return -1;
      default:
        throw new IllegalStateException(fault.name());
    }
  }

  private int route(HttpExchange ex, String method, String path, Map<String, String> query) throws IOException {
    return route(ex, method, path, query, false);
  }

  private int route(HttpExchange ex, String method, String path, Map<String, String> query, boolean truncate)
      throws IOException {
    String[] p = path.split("/", -1);
    // p[0] is "" (path starts with '/')
    if (path.equals("/token") && method.equals("POST")) {
      return issueToken(ex);
    }
    if (path.startsWith("/storage/v1/b")) {
      if (p.length == 4 && method.equals("POST")) {
        return createBucket(ex);
      }
      if (p.length == 5 && method.equals("GET")) {
        return getBucket(ex, decodePath(p[4]));
      }
      if (p.length == 6 && p[5].equals("o") && method.equals("GET")) {
        return listObjects(ex, decodePath(p[4]), query);
      }
      if (p.length == 7 && p[5].equals("o")) {
        String bucket = decodePath(p[4]);
        String name = decodePath(p[6]);
        switch (method) {
          case "GET":
            return "media".equals(query.get("alt"))
                ? download(ex, bucket, name, query, truncate)
                : getObject(ex, bucket, name, query);
          case "DELETE":
            return deleteObject(ex, bucket, name, query);
          default:
            break;
        }
      }
    } else if (path.startsWith("/download/storage/v1/b/") && p.length == 8 && p[6].equals("o") && method.equals("GET")) {
      return download(ex, decodePath(p[5]), decodePath(p[7]), query, truncate);
    } else if (path.startsWith("/upload/storage/v1/b/") && p.length == 7 && p[6].equals("o")) {
      String bucket = decodePath(p[5]);
      String type = query.getOrDefault("uploadType", "");
      if (method.equals("POST") && type.equals("multipart")) {
        return multipartUpload(ex, bucket, query);
      }
      if (method.equals("POST") && type.equals("media")) {
        return mediaUpload(ex, bucket, query);
      }
      if (method.equals("POST") && type.equals("resumable")) {
        return startResumable(ex, bucket, query);
      }
      if (method.equals("PUT") && type.equals("resumable") && query.containsKey("upload_id")) {
        return continueResumable(ex, query.get("upload_id"));
      }
      if (method.equals("DELETE") && type.equals("resumable") && query.containsKey("upload_id")) {
        return cancelResumable(ex, query.get("upload_id"));
      }
    }
    return error(ex, 501, "notImplemented", "test server does not implement " + method + " " + path);
  }

  // ---------------------------------------------------------------- OAuth token endpoint

  private final List<String> issuedTokens = new CopyOnWriteArrayList<>();

  /** The access tokens handed out by {@code POST /token} (a service account's token_uri). */
  public List<String> issuedTokens() {
    return List.copyOf(issuedTokens);
  }

  /** OAuth 2.0 JWT-bearer grant (RFC 7523) as Google's token endpoint takes it: a signed JWT in. */
  private int issueToken(HttpExchange ex) throws IOException {
    Map<String, String> form = parseQuery(new String(requestBody(ex), StandardCharsets.UTF_8));
    String assertion = form.get("assertion");
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
        || assertion == null || assertion.split("\\.").length != 3) {
      throw new BadRequest("expected a jwt-bearer grant with a signed JWT assertion");
    }
    String token = "ya29.test-" + UUID.randomUUID();
    issuedTokens.add(token);
    JsonObject j = new JsonObject();
    j.addProperty("access_token", token);
    j.addProperty("expires_in", 3600);
    j.addProperty("token_type", "Bearer");
    return json(ex, 200, j);
  }

  // ---------------------------------------------------------------- buckets

  private int createBucket(HttpExchange ex) throws IOException {
    JsonObject body = JsonParser.parseString(new String(requestBody(ex), StandardCharsets.UTF_8)).getAsJsonObject();
    if (!body.has("name")) {
      throw new BadRequest("Required field 'name' missing");
    }
    String name = body.get("name").getAsString();
    if (buckets.putIfAbsent(name, new ConcurrentSkipListMap<>()) != null) {
      return error(ex, 409, "conflict", "Your previous request to create the named bucket succeeded and you already own it.");
    }
    return json(ex, 200, bucketJson(name));
  }

  private int getBucket(HttpExchange ex, String bucket) throws IOException {
    if (!buckets.containsKey(bucket)) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    return json(ex, 200, bucketJson(bucket));
  }

  private static JsonObject bucketJson(String name) {
    JsonObject b = new JsonObject();
    b.addProperty("kind", "storage#bucket");
    b.addProperty("id", name);
    b.addProperty("name", name);
    b.addProperty("projectNumber", "123456789");
    b.addProperty("metageneration", "1");
    b.addProperty("location", "US");
    b.addProperty("storageClass", "STANDARD");
    b.addProperty("etag", "CAE=");
    b.addProperty("timeCreated", Instant.EPOCH.toString());
    b.addProperty("updated", Instant.EPOCH.toString());
    return b;
  }

  // ---------------------------------------------------------------- objects

  private NavigableMap<String, StoredObject> bucketOrNull(String bucket) {
    return buckets.get(bucket);
  }

  private int listObjects(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
    NavigableMap<String, StoredObject> b = bucketOrNull(bucket);
    if (b == null) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    int max = Math.min(maxPageSize, Integer.parseInt(query.getOrDefault("maxResults", "1000")));
    if (max < 1) {
      throw new BadRequest("Invalid value for maxResults");
    }
    String after = query.containsKey("pageToken")
        ? new String(Base64.getUrlDecoder().decode(query.get("pageToken")), StandardCharsets.UTF_8)
        : null;
    List<JsonObject> items = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    boolean more = false;
    NavigableMap<String, StoredObject> tail = after == null ? b.tailMap(prefix, true) : b.tailMap(after, false);
    for (StoredObject o : tail.values()) {
      if (!o.name().startsWith(prefix)) {
        break;
      }
      if (items.size() + prefixes.size() >= max) {
        more = true;
        break;
      }
      if (delimiter != null && !delimiter.isEmpty()) {
        int d = o.name().indexOf(delimiter, prefix.length());
        if (d >= 0) {
          String pre = o.name().substring(0, d + delimiter.length());
          if (!prefixes.contains(pre)) {
            prefixes.add(pre);
          }
          last = o.name();
          continue;
        }
      }
      items.add(objectJson(o));
      last = o.name();
    }
    JsonObject out = new JsonObject();
    out.addProperty("kind", "storage#objects");
    if (more && last != null) {
      out.addProperty("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    if (!prefixes.isEmpty()) {
      out.add("prefixes", GSON.toJsonTree(prefixes));
    }
    if (!items.isEmpty()) { // GCS leaves "items" out of an empty page
      out.add("items", GSON.toJsonTree(items));
    }
    return json(ex, 200, out);
  }

  private StoredObject find(String bucket, String name, Map<String, String> query) {
    NavigableMap<String, StoredObject> b = bucketOrNull(bucket);
    StoredObject o = b == null ? null : b.get(name);
    if (o != null && query.containsKey("generation") && Long.parseLong(query.get("generation")) != o.generation()) {
      return null; // no versioning: only the live generation exists
    }
    return o;
  }

  private int notFound(HttpExchange ex, String bucket, String name) throws IOException {
    if (bucketOrNull(bucket) == null) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    return error(ex, 404, "notFound", "No such object: " + bucket + "/" + name);
  }

  /** Checks ifGenerationMatch / ifGenerationNotMatch / ifMetagenerationMatch; null when they hold. */
  private static String failedPrecondition(StoredObject current, Map<String, String> query) {
    long gen = current == null ? 0 : current.generation();
    if (query.containsKey("ifGenerationMatch") && Long.parseLong(query.get("ifGenerationMatch")) != gen) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    if (query.containsKey("ifGenerationNotMatch") && Long.parseLong(query.get("ifGenerationNotMatch")) == gen) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    if (query.containsKey("ifMetagenerationMatch")
        && (current == null || Long.parseLong(query.get("ifMetagenerationMatch")) != current.metageneration())) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    return null;
  }

  private int getObject(HttpExchange ex, String bucket, String name, Map<String, String> query) throws IOException {
    StoredObject o = find(bucket, name, query);
    if (o == null) {
      return notFound(ex, bucket, name);
    }
    String failed = failedPrecondition(o, query);
    if (failed != null) {
      return error(ex, 412, "conditionNotMet", failed);
    }
    return json(ex, 200, objectJson(o));
  }

  private int deleteObject(HttpExchange ex, String bucket, String name, Map<String, String> query) throws IOException {
    StoredObject o = find(bucket, name, query);
    if (o == null) {
      return notFound(ex, bucket, name);
    }
    String failed = failedPrecondition(o, query);
    if (failed != null) {
      return error(ex, 412, "conditionNotMet", failed);
    }
    if (!buckets.get(bucket).remove(name, o)) {
      return notFound(ex, bucket, name);
    }
    respond(ex, 204, -1);
    return 204;
  }

  private int download(HttpExchange ex, String bucket, String name, Map<String, String> query, boolean truncate)
      throws IOException {
    StoredObject o = find(bucket, name, query);
    if (o == null) {
      return notFound(ex, bucket, name);
    }
    String failed = failedPrecondition(o, query);
    if (failed != null) {
      return error(ex, 412, "conditionNotMet", failed);
    }
    long size = o.data().length;
    long start = 0;
    long end = size - 1;
    boolean partial = false;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && size > 0) {
      long[] r = parseRange(range, size);
      if (r == null) {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Range", "bytes */" + size);
        return error(ex, 416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.");
      }
      start = r[0];
      end = r[1];
      partial = true;
    }
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", o.contentType());
    h.set("Accept-Ranges", "bytes");
    h.set("ETag", etag(o));
    h.set("X-Goog-Generation", Long.toString(o.generation()));
    h.set("X-Goog-Metageneration", Long.toString(o.metageneration()));
    h.set("X-Goog-Stored-Content-Length", Long.toString(size));
    h.set("X-Goog-Stored-Content-Encoding", "identity");
    h.set("X-Goog-Storage-Class", "STANDARD");
    h.add("X-Goog-Hash", "crc32c=" + crc32c(o.data()));
    h.add("X-Goog-Hash", "md5=" + md5(o.data()));
    int len = (int) (end - start + 1);
    int status = partial ? 206 : 200;
    if (partial) {
      h.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    respond(ex, status, len == 0 ? -1 : len);
    if (len > 0) {
      OutputStream out = ex.getResponseBody();
      if (truncate) {
        out.write(o.data(), (int) start, len / 2);
        out.flush(); // the caller then hangs up with the body half sent
        return status;
      }
      try (out) {
        out.write(o.data(), (int) start, len);
      }
    }
    return status;
  }

  /** Parses one {@code bytes=} range; null when it cannot be satisfied. */
  static long[] parseRange(String header, long size) {
    String v = header.trim();
    if (!v.startsWith("bytes=") || v.contains(",")) {
      throw new BadRequest("unsupported Range header: " + header);
    }
    String spec = v.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      throw new BadRequest("malformed Range header: " + header);
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    long start;
    long end;
    if (a.isEmpty()) { // suffix range: the last b bytes
      long n = Long.parseLong(b);
      if (n == 0) {
        return null;
      }
      start = Math.max(0, size - n);
      end = size - 1;
    } else {
      start = Long.parseLong(a);
      end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (!b.isEmpty() && Long.parseLong(b) < start) {
        throw new BadRequest("malformed Range header: " + header);
      }
    }
    if (start >= size) {
      return null;
    }
    return new long[] {start, end};
  }

  // ---------------------------------------------------------------- uploads

  private int multipartUpload(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
    if (bucketOrNull(bucket) == null) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
      throw new BadRequest("multipart upload needs Content-Type multipart/related, got " + type);
    }
    String boundary = boundary(type);
    List<byte[]> parts = MultipartParser.parts(requestBody(ex), boundary);
    if (parts.size() != 2) {
      throw new BadRequest("multipart upload must have 2 parts, got " + parts.size());
    }
    JsonObject metadata = JsonParser.parseString(new String(parts.get(0), StandardCharsets.UTF_8)).getAsJsonObject();
    String name = query.containsKey("name") ? query.get("name") : metadata.has("name") ? metadata.get("name").getAsString() : null;
    if (name == null || name.isEmpty()) {
      throw new BadRequest("Required object name missing");
    }
    return finishUpload(ex, bucket, name, metadata, query, parts.get(1));
  }

  private int mediaUpload(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
    if (bucketOrNull(bucket) == null) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    String name = query.get("name");
    if (name == null || name.isEmpty()) {
      throw new BadRequest("Required object name missing");
    }
    return finishUpload(ex, bucket, name, new JsonObject(), query, requestBody(ex));
  }

  private int startResumable(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
    if (bucketOrNull(bucket) == null) {
      return error(ex, 404, "notFound", "The specified bucket does not exist.");
    }
    byte[] body = requestBody(ex);
    JsonObject metadata = body.length == 0
        ? new JsonObject()
        : JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    String name = query.containsKey("name") ? query.get("name") : metadata.has("name") ? metadata.get("name").getAsString() : null;
    if (name == null || name.isEmpty()) {
      throw new BadRequest("Required object name missing");
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    uploads.put(id, new Upload(bucket, name, metadata, query));
    ex.getResponseHeaders().set("Location",
        endpoint + "/upload/storage/v1/b/" + encodePath(bucket) + "/o?uploadType=resumable&upload_id=" + id);
    ex.getResponseHeaders().set("X-GUploader-UploadID", id);
    respond(ex, 200, -1);
    return 200;
  }

  private int continueResumable(HttpExchange ex, String id) throws IOException {
    Upload up = uploads.get(id);
    if (up == null) {
      return error(ex, 404, "notFound", "No such upload session");
    }
    byte[] chunk = requestBody(ex);
    String contentRange = ex.getRequestHeaders().getFirst("Content-Range");
    synchronized (up) {
      if (up.result != null) {
        return json(ex, 200, objectJson(up.result));
      }
      long total = -1;
      long first = -1;
      if (contentRange != null) {
        String cr = contentRange.trim();
        if (!cr.startsWith("bytes ")) {
          throw new BadRequest("malformed Content-Range: " + contentRange);
        }
        String[] rangeAndTotal = cr.substring(6).split("/");
        if (!rangeAndTotal[1].equals("*")) {
          total = Long.parseLong(rangeAndTotal[1]);
        }
        if (!rangeAndTotal[0].equals("*")) {
          first = Long.parseLong(rangeAndTotal[0].split("-")[0]);
          long last = Long.parseLong(rangeAndTotal[0].split("-")[1]);
          if (last - first + 1 != chunk.length) {
            throw new BadRequest("Content-Range " + contentRange + " does not match " + chunk.length + " bytes of body");
          }
        }
      } else {
        first = 0; // a single-request upload of the whole object
        total = chunk.length;
      }
      long persisted = up.received.size();
      if (first >= 0) {
        if (first > persisted) {
          throw new BadRequest("Content-Range starts at " + first + " but only " + persisted + " bytes were received");
        }
        int skip = (int) (persisted - first); // bytes the server already holds are ignored
        int take = Math.max(0, chunk.length - skip);
        boolean last = total >= 0 && persisted + take == total;
        if (!last) {
          // as GCS: a request that does not end the upload persists whole multiples of 256 KiB only;
          // the 308's Range tells the client where to go on
          long kept = (persisted + take) / RESUMABLE_QUANTUM * RESUMABLE_QUANTUM;
          take = (int) Math.max(0, kept - persisted);
        }
        if (take > 0) {
          up.received.write(chunk, skip, take);
        }
      }
      persisted = up.received.size();
      if (total >= 0 && persisted == total) {
        checkHashHeader(ex.getRequestHeaders().get("X-Goog-Hash"), up.received.toByteArray());
        int status = finishUpload(ex, up.bucket, up.name, up.metadata, up.query, up.received.toByteArray());
        if (status == 200) {
          up.result = bucketOrNull(up.bucket).get(up.name);
        }
        return status;
      }
      if (total >= 0 && persisted > total) {
        throw new BadRequest("received " + persisted + " bytes, more than the declared " + total);
      }
      if (persisted > 0) {
        ex.getResponseHeaders().set("Range", "bytes=0-" + (persisted - 1));
      }
      respond(ex, 308, -1);
      return 308;
    }
  }

  /** Cancels a session as GCS does: 499, and the session is gone (later requests get 404). */
  private int cancelResumable(HttpExchange ex, String id) throws IOException {
    Upload up = uploads.get(id);
    if (up == null) {
      return error(ex, 404, "notFound", "No such upload session");
    }
    synchronized (up) {
      if (up.result != null) {
        return json(ex, 200, objectJson(up.result));
      }
      uploads.remove(id);
    }
    respond(ex, 499, -1);
    return 499;
  }

  /** The final request of an upload may declare {@code x-goog-hash: crc32c=…,md5=…}; GCS refuses a mismatch. */
  private static void checkHashHeader(List<String> values, byte[] data) {
    if (values == null) {
      return;
    }
    for (String value : values) {
      for (String item : value.split(",")) {
        String t = item.trim();
        if (t.startsWith("crc32c=") && !t.substring(7).equals(crc32c(data))) {
          throw new BadRequest("Provided CRC32C \"" + t.substring(7) + "\" doesn't match calculated CRC32C \"" + crc32c(data) + "\".");
        }
        if (t.startsWith("md5=") && !t.substring(4).equals(md5(data))) {
          throw new BadRequest("Provided MD5 hash \"" + t.substring(4) + "\" doesn't match calculated MD5 hash \"" + md5(data) + "\".");
        }
      }
    }
  }

  private int finishUpload(
      HttpExchange ex, String bucket, String name, JsonObject metadata, Map<String, String> query, byte[] data)
      throws IOException {
    if (metadata.has("crc32c") && !metadata.get("crc32c").getAsString().equals(crc32c(data))) {
      throw new BadRequest("Provided CRC32C \"" + metadata.get("crc32c").getAsString()
          + "\" doesn't match calculated CRC32C \"" + crc32c(data) + "\".");
    }
    if (metadata.has("md5Hash") && !metadata.get("md5Hash").getAsString().equals(md5(data))) {
      throw new BadRequest("Provided MD5 hash \"" + metadata.get("md5Hash").getAsString()
          + "\" doesn't match calculated MD5 hash \"" + md5(data) + "\".");
    }
    String contentType = metadata.has("contentType") ? metadata.get("contentType").getAsString() : "application/octet-stream";
    NavigableMap<String, StoredObject> b = bucketOrNull(bucket);
    synchronized (b) {
      String failed = failedPrecondition(b.get(name), query);
      if (failed != null) {
        return error(ex, 412, "conditionNotMet", failed);
      }
      StoredObject o = newObject(bucket, name, data, contentType);
      b.put(name, o);
      return json(ex, 200, objectJson(o));
    }
  }

  private StoredObject newObject(String bucket, String name, byte[] data, String contentType) {
    return new StoredObject(bucket, name, data, generations.incrementAndGet(), 1, contentType, Instant.now());
  }

  private JsonObject objectJson(StoredObject o) {
    JsonObject j = new JsonObject();
    String enc = encodePath(o.name());
    j.addProperty("kind", "storage#object");
    j.addProperty("id", o.bucket() + "/" + o.name() + "/" + o.generation());
    j.addProperty("selfLink", endpoint + "/storage/v1/b/" + encodePath(o.bucket()) + "/o/" + enc);
    j.addProperty("mediaLink", endpoint + "/download/storage/v1/b/" + encodePath(o.bucket()) + "/o/" + enc
        + "?generation=" + o.generation() + "&alt=media");
    j.addProperty("name", o.name());
    j.addProperty("bucket", o.bucket());
    j.addProperty("generation", Long.toString(o.generation()));
    j.addProperty("metageneration", Long.toString(o.metageneration()));
    j.addProperty("contentType", o.contentType());
    j.addProperty("storageClass", "STANDARD");
    j.addProperty("size", Long.toString(o.data().length));
    j.addProperty("md5Hash", md5(o.data()));
    j.addProperty("crc32c", crc32c(o.data()));
    j.addProperty("etag", etag(o));
    j.addProperty("timeCreated", o.created().toString());
    j.addProperty("updated", o.created().toString());
    j.addProperty("timeStorageClassUpdated", o.created().toString());
    return j;
  }

  // ---------------------------------------------------------------- helpers

  private static String etag(StoredObject o) {
    return Base64.getEncoder().encodeToString(Long.toString(o.generation()).getBytes(StandardCharsets.US_ASCII));
  }

  /** GCS's crc32c format: base64 of the big-endian 4-byte CRC32C. */
  static String crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
  }

  static String md5(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] requestBody(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      byte[] raw = in.readAllBytes();
      if (raw.length == 0) {
        return raw;
      }
      try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
        return gz.readAllBytes();
      }
    }
    return in.readAllBytes();
  }

  private static String boundary(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring(9);
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw new BadRequest("multipart Content-Type without boundary: " + contentType);
  }

  private static int json(HttpExchange ex, int status, JsonObject body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    respond(ex, status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  /** Writes GCS's JSON error document: {"error":{"code","message","errors":[{domain,reason,message}]}}. */
  private static int error(HttpExchange ex, int status, String reason, String message) throws IOException {
    JsonObject detail = new JsonObject();
    detail.addProperty("domain", "global");
    detail.addProperty("reason", reason);
    detail.addProperty("message", message);
    JsonObject err = new JsonObject();
    err.addProperty("code", status);
    err.addProperty("message", message);
    com.google.gson.JsonArray errors = new com.google.gson.JsonArray();
    errors.add(detail);
    err.add("errors", errors);
    JsonObject body = new JsonObject();
    body.add("error", err);
    ex.getRequestBody().readAllBytes();
    return json(ex, status, body);
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  /** Percent-decodes one path segment ({@code +} stays a plus sign, as in URL paths). */
  static String decodePath(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static String encodePath(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A client mistake answered with 400. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** An exchange whose answer goes nowhere: the request is carried out, the client hears nothing. */
  private static final class Unanswered extends HttpExchange {
    private final HttpExchange ex;
    private final Headers responseHeaders = new Headers();
    private int code = -1;

    Unanswered(HttpExchange ex) {
      this.ex = ex;
    }

    @Override
    public Headers getRequestHeaders() {
      return ex.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public java.net.URI getRequestURI() {
      return ex.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
      return ex.getRequestMethod();
    }

    @Override
    public com.sun.net.httpserver.HttpContext getHttpContext() {
      return ex.getHttpContext();
    }

    @Override
    public void close() {
      // the real exchange is hung up by the caller
    }

    @Override
    public InputStream getRequestBody() {
      return ex.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) {
      code = rCode;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return ex.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
      return code;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return ex.getLocalAddress();
    }

    @Override
    public String getProtocol() {
      return ex.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
      return ex.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      ex.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
      throw new UnsupportedOperationException();
    }

    @Override
    public com.sun.net.httpserver.HttpPrincipal getPrincipal() {
      return ex.getPrincipal();
    }
  }
}
