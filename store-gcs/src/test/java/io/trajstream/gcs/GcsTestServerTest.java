package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the test server to what GCS's JSON API documents, with plain HTTP requests (no Google
 * client): the error document ("HTTP status and error codes for JSON"), ranged media downloads,
 * uploads (multipart, resumable with 308 "Resume Incomplete" and its Range header, status
 * checks), preconditions (412), listing pages (nextPageToken, no "items" when empty), deletes.
 */
class GcsTestServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private GcsTestServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = GcsTestServer.start();
    base = server.endpoint();
    server.putObject("b", "dir/obj.bin", digits(100));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] digits(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('0' + i % 10);
    }
    return b;
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return HTTP.send(b.build(), BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  private static JsonObject json(HttpResponse<byte[]> r) {
    return JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  /** GCS's error document: {"error":{"code":N,"message":…,"errors":[{"domain":"global","reason":…,"message":…}]}}. */
  private static void assertGcsError(HttpResponse<byte[]> r, int code, String reason) {
    assertEquals(code, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject err = json(r).getAsJsonObject("error");
    assertEquals(code, err.get("code").getAsInt());
    assertFalse(err.get("message").getAsString().isEmpty());
    JsonObject first = err.getAsJsonArray("errors").get(0).getAsJsonObject();
    assertEquals("global", first.get("domain").getAsString());
    assertEquals(reason, first.get("reason").getAsString());
  }

  @Test
  void bindsLoopbackOnly() throws Exception {
    URI u = URI.create(base);
    assertEquals("127.0.0.1", u.getHost());
    assertTrue(InetAddress.getByName(u.getHost()).isLoopbackAddress());
  }

  @Test
  void missingObjectAndBucketAre404NotFound() throws Exception {
    HttpResponse<byte[]> r = get("/storage/v1/b/b/o/dir%2Fnope.bin");
    assertGcsError(r, 404, "notFound");
    assertTrue(json(r).getAsJsonObject("error").get("message").getAsString().contains("b/dir/nope.bin"));
    assertGcsError(get("/download/storage/v1/b/b/o/dir%2Fnope.bin?alt=media"), 404, "notFound");
    assertGcsError(get("/storage/v1/b/nobucket/o"), 404, "notFound");
    assertGcsError(get("/storage/v1/b/nobucket"), 404, "notFound");
  }

  @Test
  void objectResourceCarriesGcsFieldsAsStrings() throws Exception {
    HttpResponse<byte[]> r = get("/storage/v1/b/b/o/dir%2Fobj.bin");
    assertEquals(200, r.statusCode());
    JsonObject o = json(r);
    assertEquals("storage#object", o.get("kind").getAsString());
    assertEquals("dir/obj.bin", o.get("name").getAsString());
    assertEquals("b", o.get("bucket").getAsString());
    assertEquals("100", o.get("size").getAsString(), "size is a decimal string (uint64) in the JSON API");
    assertEquals(server.generation("b", "dir/obj.bin").orElseThrow().toString(), o.get("generation").getAsString());
    assertEquals(GcsTestServer.md5(digits(100)), o.get("md5Hash").getAsString());
    assertTrue(o.get("mediaLink").getAsString().contains("alt=media"));
  }

  @Test
  void crc32cIsBase64OfTheBigEndianChecksum() {
    // CRC32C("123456789") = 0xE3069283, the standard check value (RFC 3720 B.4)
    assertEquals("4waSgw==", GcsTestServer.crc32c("123456789".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void mediaDownloadsHonourRangeWith206AndContentRange() throws Exception {
    String path = "/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media";
    HttpResponse<byte[]> whole = get(path);
    assertEquals(200, whole.statusCode());
    assertArrayEquals(digits(100), whole.body());
    assertEquals(server.generation("b", "dir/obj.bin").orElseThrow().toString(),
        whole.headers().firstValue("x-goog-generation").orElseThrow());
    assertEquals("100", whole.headers().firstValue("x-goog-stored-content-length").orElseThrow());
    assertTrue(whole.headers().allValues("x-goog-hash").contains("crc32c=" + GcsTestServer.crc32c(digits(100))));

    HttpResponse<byte[]> mid = get(path, "Range", "bytes=10-19");
    assertEquals(206, mid.statusCode());
    assertEquals("bytes 10-19/100", mid.headers().firstValue("Content-Range").orElseThrow());
    assertEquals("10", mid.headers().firstValue("Content-Length").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(digits(100), 10, 20), mid.body());

    HttpResponse<byte[]> open = get(path, "Range", "bytes=95-");
    assertEquals("bytes 95-99/100", open.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> beyond = get(path, "Range", "bytes=90-1000");
    assertEquals(206, beyond.statusCode());
    assertEquals("bytes 90-99/100", beyond.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> suffix = get(path, "Range", "bytes=-5");
    assertEquals("bytes 95-99/100", suffix.headers().firstValue("Content-Range").orElseThrow());

    assertGcsError(get(path, "Range", "bytes=100-"), 416, "requestedRangeNotSatisfiable");
    assertEquals(206, get("/storage/v1/b/b/o/dir%2Fobj.bin?alt=media", "Range", "bytes=0-0").statusCode(),
        "alt=media also works on the /storage/v1 path");
  }

  @Test
  void generationSelectsAVersionAndPreconditionsGive412() throws Exception {
    long gen = server.generation("b", "dir/obj.bin").orElseThrow();
    assertEquals(200, get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media&generation=" + gen).statusCode());
    assertGcsError(get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media&generation=" + (gen - 1)), 404, "notFound");
    assertGcsError(get("/storage/v1/b/b/o/dir%2Fobj.bin?ifGenerationMatch=" + (gen + 1)), 412, "conditionNotMet");
    assertEquals(200, get("/storage/v1/b/b/o/dir%2Fobj.bin?ifGenerationMatch=" + gen).statusCode());

    // ifGenerationMatch=0: create only if absent
    HttpResponse<byte[]> again = send(HttpRequest.newBuilder(URI.create(
        base + "/upload/storage/v1/b/b/o?uploadType=media&name=dir/obj.bin&ifGenerationMatch=0"))
        .POST(BodyPublishers.ofByteArray(new byte[] {1})));
    assertGcsError(again, 412, "conditionNotMet");
    HttpResponse<byte[]> fresh = send(HttpRequest.newBuilder(URI.create(
        base + "/upload/storage/v1/b/b/o?uploadType=media&name=dir/new.bin&ifGenerationMatch=0"))
        .POST(BodyPublishers.ofByteArray(new byte[] {1})));
    assertEquals(200, fresh.statusCode());
    assertArrayEquals(new byte[] {1}, server.object("b", "dir/new.bin").orElseThrow());
  }

  private static byte[] multipartBody(String boundary, String metadata, byte[] media) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + metadata
        + "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(media);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    }
    return bos.toByteArray();
  }

  @Test
  void multipartUploadAcceptsGzipBodiesAndChecksDeclaredHashes() throws Exception {
    byte[] media = "\r\n--not-the-boundary\r\n binary \0 bytes".getBytes(StandardCharsets.ISO_8859_1);
    String boundary = "__END_OF_PART__x";
    byte[] body = multipartBody(boundary, "{\"name\":\"up/m.bin\",\"crc32c\":\"" + GcsTestServer.crc32c(media) + "\"}", media);
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/upload/storage/v1/b/b/o?uploadType=multipart"))
        .header("Content-Type", "multipart/related; boundary=" + boundary)
        .header("Content-Encoding", "gzip")
        .POST(BodyPublishers.ofByteArray(gzip(body))));
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(Integer.toString(media.length), json(r).get("size").getAsString());
    assertArrayEquals(media, server.object("b", "up/m.bin").orElseThrow());

    byte[] bad = multipartBody(boundary, "{\"name\":\"up/bad.bin\",\"md5Hash\":\"" + GcsTestServer.md5(new byte[] {9}) + "\"}", media);
    HttpResponse<byte[]> rejected = send(HttpRequest.newBuilder(URI.create(base + "/upload/storage/v1/b/b/o?uploadType=multipart"))
        .header("Content-Type", "multipart/related; boundary=" + boundary)
        .POST(BodyPublishers.ofByteArray(bad)));
    assertGcsError(rejected, 400, "invalid");
    assertFalse(server.object("b", "up/bad.bin").isPresent());
  }

  @Test
  void resumableUploadAnswers308WithTheRangeReceived() throws Exception {
    HttpResponse<byte[]> init = send(HttpRequest.newBuilder(URI.create(base + "/upload/storage/v1/b/b/o?uploadType=resumable&name=up/r.bin"))
        .header("Content-Type", "application/json; charset=UTF-8")
        .header("Content-Encoding", "gzip")
        .POST(BodyPublishers.ofByteArray(gzip("{\"contentType\":\"application/x-test\"}".getBytes(StandardCharsets.UTF_8)))));
    assertEquals(200, init.statusCode());
    URI session = URI.create(init.headers().firstValue("Location").orElseThrow());
    assertEquals("127.0.0.1", session.getHost());

    // status check before any data: 308 without a Range header
    HttpResponse<byte[]> status0 = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */*")
        .PUT(BodyPublishers.noBody()));
    assertEquals(308, status0.statusCode());
    assertFalse(status0.headers().firstValue("Range").isPresent());

    byte[] data = digits(300_000);
    HttpResponse<byte[]> part = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes 0-262143/*")
        .PUT(BodyPublishers.ofByteArray(Arrays.copyOf(data, 262_144))));
    assertEquals(308, part.statusCode());
    assertEquals("bytes=0-262143", part.headers().firstValue("Range").orElseThrow());
    assertFalse(server.object("b", "up/r.bin").isPresent(), "nothing is visible before the upload completes");

    HttpResponse<byte[]> status1 = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */*")
        .PUT(BodyPublishers.noBody()));
    assertEquals("bytes=0-262143", status1.headers().firstValue("Range").orElseThrow());

    HttpResponse<byte[]> last = send(HttpRequest.newBuilder(session)
        .header("Content-Range", "bytes 262144-299999/300000")
        .header("X-Goog-Hash", "crc32c=" + GcsTestServer.crc32c(data))
        .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, 262_144, 300_000))));
    assertEquals(200, last.statusCode());
    JsonObject o = json(last);
    assertEquals("300000", o.get("size").getAsString());
    assertEquals("application/x-test", o.get("contentType").getAsString());
    assertArrayEquals(data, server.object("b", "up/r.bin").orElseThrow());

    // a finished session answers with the object again
    HttpResponse<byte[]> done = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */300000")
        .PUT(BodyPublishers.noBody()));
    assertEquals(200, done.statusCode());
    assertEquals(o.get("generation"), json(done).get("generation"));
  }

  @Test
  void resumableSessionsPersistWholeQuantaUntilTheLastRequestAndCanBeCancelled() throws Exception {
    HttpResponse<byte[]> init = send(HttpRequest.newBuilder(URI.create(base + "/upload/storage/v1/b/b/o?uploadType=resumable&name=up/q.bin"))
        .POST(BodyPublishers.noBody()));
    URI session = URI.create(init.headers().firstValue("Location").orElseThrow());
    byte[] data = digits(600_000);
    // 300000 bytes sent, not the last request: only the first 262144 are persisted
    HttpResponse<byte[]> part = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes 0-299999/600000")
        .PUT(BodyPublishers.ofByteArray(Arrays.copyOf(data, 300_000))));
    assertEquals(308, part.statusCode());
    assertEquals("bytes=0-262143", part.headers().firstValue("Range").orElseThrow());
    HttpResponse<byte[]> status = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */600000")
        .PUT(BodyPublishers.noBody()));
    assertEquals("bytes=0-262143", status.headers().firstValue("Range").orElseThrow());

    HttpResponse<byte[]> cancel = send(HttpRequest.newBuilder(session).DELETE());
    assertEquals(499, cancel.statusCode());
    HttpResponse<byte[]> gone = send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */600000")
        .PUT(BodyPublishers.noBody()));
    assertEquals(404, gone.statusCode());
    assertFalse(server.object("b", "up/q.bin").isPresent());
  }

  @Test
  void listingPagesWithNextPageTokenAndLeavesItemsOutWhenEmpty() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.putObject("b", "list/" + i, new byte[i]);
    }
    JsonObject p1 = json(get("/storage/v1/b/b/o?prefix=list/&maxResults=2"));
    assertEquals("storage#objects", p1.get("kind").getAsString());
    assertEquals(2, p1.getAsJsonArray("items").size());
    String token = p1.get("nextPageToken").getAsString();
    JsonObject p2 = json(get("/storage/v1/b/b/o?prefix=list/&maxResults=2&pageToken=" + token));
    assertEquals("list/2", p2.getAsJsonArray("items").get(0).getAsJsonObject().get("name").getAsString());
    JsonObject p3 = json(get("/storage/v1/b/b/o?prefix=list/&maxResults=2&pageToken=" + p2.get("nextPageToken").getAsString()));
    assertEquals(1, p3.getAsJsonArray("items").size());
    assertFalse(p3.has("nextPageToken"), "the last page has no token");

    JsonObject none = json(get("/storage/v1/b/b/o?prefix=zzz"));
    assertFalse(none.has("items"), "GCS omits items for an empty result");

    JsonObject dirs = json(get("/storage/v1/b/b/o?delimiter=/"));
    assertEquals(2, dirs.getAsJsonArray("prefixes").size());
    assertFalse(dirs.has("items"));
  }

  @Test
  void deleteAnswers204Then404AndBucketsConflict() throws Exception {
    HttpResponse<byte[]> del = send(HttpRequest.newBuilder(URI.create(base + "/storage/v1/b/b/o/dir%2Fobj.bin")).DELETE());
    assertEquals(204, del.statusCode());
    assertFalse(server.object("b", "dir/obj.bin").isPresent());
    assertGcsError(send(HttpRequest.newBuilder(URI.create(base + "/storage/v1/b/b/o/dir%2Fobj.bin")).DELETE()), 404, "notFound");

    HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(base + "/storage/v1/b?project=p"))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"nb\"}"));
    assertEquals(200, send(create).statusCode());
    assertGcsError(send(create), 409, "conflict");
    assertEquals("nb", json(get("/storage/v1/b/nb")).get("name").getAsString());
  }

  @Test
  void refusesCredentialsWhenAskedAndAnswersUnknownCallsWith501() throws Exception {
    server.rejectAuthorization(true);
    assertGcsError(get("/storage/v1/b/b/o/dir%2Fobj.bin", "Authorization", "Bearer x"), 401, "required");
    assertEquals(200, get("/storage/v1/b/b/o/dir%2Fobj.bin").statusCode());
    assertGcsError(send(HttpRequest.newBuilder(URI.create(base + "/storage/v1/b/b/o/dir%2Fobj.bin"))
        .method("PATCH", BodyPublishers.ofString("{}"))), 501, "notImplemented");
    assertEquals(501, server.requests().get(server.requests().size() - 1).status());
  }

  @Test
  void injectedFaultsLookLikeGcsFailures() throws Exception {
    server.inject(GcsTestServer.Request::isMediaDownload, GcsTestServer.Fault.SERVICE_UNAVAILABLE, 1);
    assertGcsError(get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media"), 503, "backendError");
    // twice: the JDK client silently retries an idempotent GET once on a closed connection
    server.inject(GcsTestServer.Request::isMediaDownload, GcsTestServer.Fault.DROP_CONNECTION, 2);
    assertThrows(IOException.class, () -> get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media"));
    server.inject(GcsTestServer.Request::isMediaDownload, GcsTestServer.Fault.TRUNCATE_BODY, 1);
    assertThrows(IOException.class, () -> get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media"));
    assertEquals(200, get("/download/storage/v1/b/b/o/dir%2Fobj.bin?alt=media").statusCode());
    assertEquals(4, server.faultsInjected());
  }
}
