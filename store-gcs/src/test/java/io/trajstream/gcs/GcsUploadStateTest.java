package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local record of an unfinished upload: what a rerun reads back, and what it refuses. */
class GcsUploadStateTest {
  private static final String KEY = "http://127.0.0.1:1 gs://b/p/k.bin";
  private static final String MD5 = "0123456789abcdef0123456789abcdef";

  @Test
  void aRecordIsReadBackWithItsChunksAndALineCutShortIsIgnored(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("state");
    GcsUploadState s = GcsUploadState.create(dir, KEY, "gs://b/p/k.bin", 1000, 7, "http://127.0.0.1:1/session?upload_id=x");
    s.recordChunk(0, 512, MD5);
    s.recordChunk(512, 488, MD5);
    Path file = GcsUploadState.fileFor(dir, KEY);
    Files.writeString(file, "chunk 1000 12 0123", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a crash mid-line
    GcsUploadState back = GcsUploadState.load(dir, KEY, 1000).orElseThrow();
    assertEquals("http://127.0.0.1:1/session?upload_id=x", back.session());
    assertEquals(7, back.generation());
    assertEquals(List.of(new GcsUploadState.Chunk(0, 512, MD5), new GcsUploadState.Chunk(512, 488, MD5)), back.chunks());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "the session URI is a secret");
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
    back.delete();
    assertFalse(Files.exists(file));
  }

  @Test
  void aRecordOfAnotherSizeOrAnUnreadableOneIsDropped(@TempDir Path dir) throws Exception {
    GcsUploadState.create(dir, KEY, "gs://b/p/k.bin", 1000, 0, "http://127.0.0.1:1/s");
    assertTrue(GcsUploadState.load(dir, KEY, 999).isEmpty());
    assertFalse(Files.exists(GcsUploadState.fileFor(dir, KEY)), "a record for another size is deleted");
    Files.writeString(GcsUploadState.fileFor(dir, KEY), "garbage\n");
    assertTrue(GcsUploadState.load(dir, KEY, 1000).isEmpty());
    assertFalse(Files.exists(GcsUploadState.fileFor(dir, KEY)));
    assertTrue(GcsUploadState.load(dir, "http://other gs://b/p/k.bin", 1000).isEmpty(), "nothing filed under another key");
  }
}
