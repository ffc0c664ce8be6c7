package io.trajstream.gcs;

import io.trajstream.store.Backoff;
import io.trajstream.store.Checksums;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A resumable upload session that outlives the process: the session URI and the chunks sent are
 * recorded locally ({@link GcsUploadState}), so a later call for the same object and size asks the
 * session how much it has persisted, checks those bytes against the source by the MD5s recorded
 * for them, and sends only the rest. When the recorded bytes no longer match the source (it
 * changed), the object's generation moved, or the session has expired (a week) or was
 * cancelled, the old session is cancelled and a new one starts from byte 0.
 *
 * <p>A session is sequential by nature: the server accepts the bytes of a session in order only,
 * so chunks ({@code gcs.resumable-chunk-size}, multiples of 256 KiB) go one after the other, never
 * in parallel. Within one call a failed chunk is retried the protocol's way (ask the session how
 * far it got, go on from there) up to {@code gcs.max-attempts} times in a row, with back-off. The
 * last chunk carries the whole object's MD5 ({@code X-Goog-Hash}), which the server checks before
 * creating the object; the session is created with the object's current generation as precondition,
 * so it never replaces an object written meanwhile by someone else.
 */
final class GcsResumableUpload {
  private final GcsResumableSession session;
  private final GcsOptions options;
  private final String bucket;
  private final String objectName;
  private final String location;
  /** What the local record is filed under: the endpoint and the destination. */
  private final String stateKey;

  GcsResumableUpload(GcsResumableSession session, GcsOptions options, String bucket, String objectName, String location) {
    this.session = session;
    this.options = options;
    this.bucket = bucket;
    this.objectName = objectName;
    this.location = location;
    this.stateKey = session.host() + " " + location;
  }

  /**
   * Uploads all of {@code source} as the object, which must still be generation {@code generation}
   * (0: absent) when the upload completes.
   */
  WriteOutcome upload(StoreInput source, long generation, LongConsumer progress) throws IOException {
    long size = source.length();
    WholeMd5 md5 = new WholeMd5(size);
    GcsUploadState state = null;
    long persisted = 0;
    Optional<GcsUploadState> old = GcsUploadState.load(options.uploadStateDir(), stateKey, size);
    if (old.isPresent()) {
      persisted = resumableFrom(old.get(), generation, source, md5);
      if (persisted >= 0) {
        state = old.get();
      } else {
        session.cancel(old.get().session());
        old.get().delete();
        md5 = new WholeMd5(size);
        persisted = 0;
      }
    }
    if (state == null) {
      state = start(size, generation);
    }
    if (persisted > 0) {
      progress.accept(persisted);
    }
    return send(state, source, persisted, md5, progress);
  }

  /**
   * How many bytes {@code state}'s session has persisted, when those bytes are the source's (the
   * MD5s recorded for them match) and the object is still the generation the session was made
   * against; -1 when the session cannot be carried on.
   */
  private long resumableFrom(GcsUploadState state, long generation, StoreInput source, WholeMd5 md5) throws IOException {
    if (state.generation() != generation) {
      return -1;
    }
    GcsResumableSession.Answer a = withRetries("the status query of the unfinished upload",
        () -> session.query(state.session(), state.size()));
    if (!a.incomplete()) {
      return -1; // expired, cancelled, or completed (then the object is another generation by now)
    }
    long persisted = a.persisted();
    long covered = 0;
    List<GcsUploadState.Chunk> chunks = state.chunks().stream()
        .sorted(Comparator.comparingLong(GcsUploadState.Chunk::offset)).toList();
    for (GcsUploadState.Chunk c : chunks) {
      if (covered >= persisted) {
        break;
      }
      if (c.offset() > covered || c.offset() + c.length() > state.size()) {
        return -1; // bytes persisted that no record vouches for
      }
      if (c.offset() + c.length() <= covered) {
        continue;
      }
      ByteBuffer bytes = source.read(c.offset(), (int) c.length());
      if (!Checksums.md5Hex(bytes).equals(c.md5Hex())) {
        return -1; // the source changed in a part the session already holds
      }
      md5.feed(c.offset(), bytes);
      covered = c.offset() + c.length();
    }
    return covered >= persisted ? persisted : -1;
  }

  private GcsUploadState start(long size, long generation) throws IOException {
    GcsResumableSession.Answer a = withRetries("the start of a resumable upload",
        () -> session.start(bucket, objectName, size, generation));
    if (a.status() == 404) {
      throw new FileNotFoundException(location + ": cannot upload, the bucket " + bucket + " does not exist");
    }
    if (a.status() != 200) {
      throw failure("the start of a resumable upload", a);
    }
    return GcsUploadState.create(options.uploadStateDir(), stateKey, location, size, generation, a.body());
  }

  /** Sends the bytes from {@code from} on, chunk by chunk, until the server has created the object. */
  private WriteOutcome send(GcsUploadState state, StoreInput source, long from, WholeMd5 md5, LongConsumer progress)
      throws IOException {
    long size = state.size();
    int chunkSize = options.resumableChunkSize();
    Backoff backoff = new Backoff(options.retryInitialDelay(), options.retryMaxDelay());
    long pos = from;
    long reported = from;
    int failures = 0;
    boolean ask = false;
    while (true) {
      GcsResumableSession.Answer a = null;
      IOException failure = null;
      long before = pos;
      ByteBuffer chunk = null;
      if (!ask && pos < size) {
        // the source's and the record's failures are not the server's: they end the call at once
        chunk = source.read(pos, (int) Math.min(chunkSize, size - pos));
        md5.feed(pos, chunk);
        state.recordChunk(pos, chunk.remaining(), Checksums.md5Hex(chunk));
      }
      try {
        a = chunk == null
            ? session.query(state.session(), size)
            : session.put(state.session(), pos, chunk, size, pos + chunk.remaining() == size ? md5.base64() : null);
      } catch (IOException e) {
        if (!HttpReplies.retryableFailure(e)) {
          throw new StoreException(location, "upload at byte " + pos + " of " + size + " failed (" + e.getMessage()
              + "); the bytes persisted are kept: run again to resume", e);
        }
        failure = e;
      }
      ask = false;
      if (a != null) {
        if (a.complete()) {
          progress.accept(size - reported);
          state.delete();
          return outcome(size, from, chunkSize);
        }
        if (a.incomplete()) {
          pos = a.persisted();
          if (pos > reported) {
            progress.accept(pos - reported);
            reported = pos;
          }
          if (pos > before) {
            failures = 0;
            continue;
          }
          if (chunk == null && pos < size) {
            continue; // a status query: send from where the session stands
          }
        } else if (a.status() == 412) {
          // the object changed since the session began: never replace another writer's object
          state.delete();
          progress.accept(size - reported);
          return outcome(size, from, chunkSize);
        } else if (a.status() == 404 || a.status() == 410) {
          state.delete();
          throw new StoreException(location, "the upload session has ended (HTTP " + a.status() + ") at byte " + pos
              + " of " + size + "; run again to start over");
        } else if (!HttpReplies.retryableStatus(a.status())) {
          throw failure("upload at byte " + pos + " of " + size, a);
        }
      }
      failures++;
      if (failures >= options.maxAttempts()) {
        String why = failure != null ? failure.getMessage() : a.incomplete() ? "no bytes persisted" : "HTTP " + a.status();
        throw new StoreException(location, "upload at byte " + pos + " of " + size + " failed " + failures
            + " times in a row (last: " + why + "); the bytes persisted are kept: run again to resume", failure);
      }
      pause(backoff.before(failures, a == null ? null : HttpReplies.retryAfter(a.retryAfter(), Instant.now())));
      ask = true; // go on from what the session has persisted
    }
  }

  private static WriteOutcome outcome(long size, long skipped, int chunkSize) {
    int parts = (int) Math.max(1, (size + chunkSize - 1) / chunkSize);
    return new WriteOutcome(size, skipped, parts, (int) Math.min(parts, skipped / chunkSize));
  }

  /** One request, again while it fails in a way worth retrying, up to the attempts the options allow. */
  private GcsResumableSession.Answer withRetries(String what, Request request) throws IOException {
    Backoff backoff = new Backoff(options.retryInitialDelay(), options.retryMaxDelay());
    for (int attempt = 1; ; attempt++) {
      GcsResumableSession.Answer a;
      try {
        a = request.send();
        if (!HttpReplies.retryableStatus(a.status()) || attempt >= options.maxAttempts()) {
          return a;
        }
      } catch (IOException e) {
        if (!HttpReplies.retryableFailure(e) || attempt >= options.maxAttempts()) {
          throw new StoreException(location, what + " failed (" + e.getMessage() + ")", e);
        }
        a = null;
      }
      pause(backoff.before(attempt, a == null ? null : HttpReplies.retryAfter(a.retryAfter(), Instant.now())));
    }
  }

  @FunctionalInterface
  private interface Request {
    GcsResumableSession.Answer send() throws IOException;
  }

  private StoreException failure(String what, GcsResumableSession.Answer a) {
    String body = a.body().strip();
    int nl = body.indexOf('\n');
    String first = nl < 0 ? body : body.substring(0, nl);
    if (first.length() > 300) {
      first = first.substring(0, 300) + "...";
    }
    return new StoreException(location, what + " failed: HTTP " + a.status() + (first.isEmpty() ? "" : " " + first)
        + (a.status() == 403 || a.status() == 401 ? " (check the credentials and the bucket's permissions)" : ""));
  }

  private void pause(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException(location + ": upload interrupted; run again to resume");
      io.initCause(e);
      throw io;
    }
  }

  /** The MD5 of the whole object, fed its bytes in order (bytes fed twice count once). */
  private static final class WholeMd5 {
    private final long size;
    private final MessageDigest md;
    private long hashed;
    private String result;

    WholeMd5(long size) {
      this.size = size;
      try {
        this.md = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JDK has no MD5", e);
      }
    }

    void feed(long offset, ByteBuffer bytes) {
      if (offset > hashed) {
        throw new IllegalStateException("bytes " + hashed + "-" + offset + " were never hashed");
      }
      long skip = hashed - offset;
      if (skip < bytes.remaining()) {
        md.update(bytes.duplicate().position(bytes.position() + (int) skip));
        hashed = offset + bytes.remaining();
      }
    }

    String base64() {
      if (hashed != size) {
        throw new IllegalStateException("hashed " + hashed + " of " + size + " bytes");
      }
      if (result == null) {
        result = Base64.getEncoder().encodeToString(md.digest());
      }
      return result;
    }
  }
}
