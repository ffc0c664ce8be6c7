package io.trajstream.runtime.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FormatException;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.TestEnvironment;
import java.io.FileNotFoundException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZipWriter} and {@link ZipStore} against each other, against the JDK's zip reader, and
 * against Python's {@code zipfile} both ways (zarr-python's {@code ZipStore} rests on it).
 */
class ZipStoreTest {
  @TempDir Path dir;

  private static Map<String, byte[]> sample(int n, long seed) {
    Random r = new Random(seed);
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[r.nextInt(5000)];
      r.nextBytes(b);
      m.put("a/b" + i % 7 + "/" + i, b);
    }
    m.put(".zgroup", "{\"zarr_format\": 2}".getBytes());
    m.put("empty", new byte[0]);
    m.put("naïve/ünïcode", new byte[] {1, 2, 3});
    return m;
  }

  private Path write(Map<String, byte[]> entries, String name) throws Exception {
    Path zip = dir.resolve(name);
    try (ZipWriter w = new ZipWriter(zip)) {
      for (var e : entries.entrySet()) {
        w.add(e.getKey(), ByteBuffer.wrap(e.getValue()));
      }
    }
    return zip;
  }

  @Test
  void whatZipWriterWritesReadsBackThroughZipStoreAndTheJdk() throws Exception {
    Map<String, byte[]> m = sample(300, 1);
    Path zip = write(m, "t.zip");
    try (ZipFile jdk = new ZipFile(zip.toFile())) {
      assertEquals(m.size(), jdk.size());
      for (var e : m.entrySet()) {
        assertArrayEquals(e.getValue(), jdk.getInputStream(jdk.getEntry(e.getKey())).readAllBytes(), e.getKey());
        assertEquals(java.util.zip.ZipEntry.STORED, jdk.getEntry(e.getKey()).getMethod());
      }
    }
    try (ZipStore z = ZipStore.open(new FileStore(dir), "t.zip", true)) {
      assertEquals(m.size(), z.list("").count());
      assertEquals(List.of("a/b3/10", "a/b3/101"), z.list("a/b3/10").map(e -> e.key()).limit(2).toList());
      for (var e : m.entrySet()) {
        assertArrayEquals(e.getValue(), z.readAll(e.getKey()), e.getKey());
        try (StoreInput in = z.newInput(e.getKey())) {
          assertEquals(e.getValue().length, in.length());
          if (e.getValue().length > 10) {
            byte[] part = new byte[5];
            in.readFully(3, part, 0, 5);
            assertArrayEquals(java.util.Arrays.copyOfRange(e.getValue(), 3, 8), part);
          }
        }
      }
      assertTrue(z.exists(".zgroup"));
      assertFalse(z.exists("nope"));
      assertThrows(FileNotFoundException.class, () -> z.readAll("nope"));
      assertThrows(java.io.IOException.class, () -> z.write("x", new byte[1]));
    }
  }

  @Test
  void theSameEntriesGiveTheSameBytes() throws Exception {
    Map<String, byte[]> m = sample(20, 2);
    assertArrayEquals(Files.readAllBytes(write(m, "a.zip")), Files.readAllBytes(write(m, "b.zip")));
  }

  @Test
  void openingReadsOnlyTheTailAndEachEntryIsOneRangedRead() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    Random r = new Random(3);
    for (int i = 0; i < 40; i++) {
      byte[] b = new byte[200_000];
      r.nextBytes(b);
      m.put("c/" + i, b);
    }
    Path zip = write(m, "big.zip");
    MeteredStore metered = new MeteredStore(new FileStore(dir));
    try (ZipStore z = ZipStore.open(metered, "big.zip", false)) {
      assertEquals(1, metered.requests(MeteredStore.Operation.GET), "the tail holds the directory");
      assertTrue(metered.bytes(MeteredStore.Operation.GET) <= ZipStore.TAIL);
      metered.reset();
      assertArrayEquals(m.get("c/17"), z.readAll("c/17"));
      assertEquals(1, metered.requests(MeteredStore.Operation.GET));
      assertTrue(metered.bytes(MeteredStore.Operation.GET) < 200_100, "the entry and its header only");
    }
    assertTrue(Files.size(zip) > 8_000_000);
  }

  @Test
  void zip64WhenThereAreMoreThan65535Entries() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < 70_000; i++) {
      m.put("k/" + i, new byte[] {(byte) i, (byte) (i >> 8)});
    }
    Path zip = write(m, "many.zip");
    try (ZipStore z = ZipStore.open(new FileStore(dir), "many.zip", true)) {
      assertEquals(70_000, z.list("").count());
      assertArrayEquals(m.get("k/69999"), z.readAll("k/69999"));
    }
    try (ZipFile jdk = new ZipFile(zip.toFile())) {
      assertEquals(70_000, jdk.size());
    }
    if (TestEnvironment.hasPython()) {
      String out = TestEnvironment.python(String.join("\n",
          "import sys, zipfile",
          "z = zipfile.ZipFile(sys.argv[1])",
          "assert z.testzip() is None",
          "print(len(z.namelist()), list(z.read('k/69999')))"), zip.toString());
      assertEquals("70000 [111, 17]", out.strip());
    }
  }

  @Test
  void pythonReadsOursAndWeReadPythons() throws Exception {
    TestEnvironment.requirePython();
    Map<String, byte[]> m = sample(50, 4);
    Path ours = write(m, "ours.zip");
    String check = TestEnvironment.python(String.join("\n",
        "import sys, zipfile, hashlib",
        "z = zipfile.ZipFile(sys.argv[1])",
        "assert z.testzip() is None",
        "assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())",
        "print(hashlib.md5(b''.join(z.read(n) for n in sorted(z.namelist()))).hexdigest())"), ours.toString());
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
    new java.util.TreeMap<>(m).values().forEach(md::update);
    assertEquals(java.util.HexFormat.of().formatHex(md.digest()), check.strip());

    Path theirs = dir.resolve("theirs.zip");
    TestEnvironment.python(String.join("\n",
        "import sys, zipfile",
        "with zipfile.ZipFile(sys.argv[1], 'w', compression=zipfile.ZIP_STORED) as z:",
        "    for i in range(30):",
        "        z.writestr('d/%d' % i, bytes(range(i % 256)) * 10)",
        "    z.writestr('naïve', b'x')",
        "    z.comment = b'written by python'"), theirs.toString());
    try (ZipStore z = ZipStore.open(new FileStore(dir), "theirs.zip", true)) {
      assertEquals(31, z.list("").count());
      byte[] expect = new byte[29 * 10];
      for (int k = 0; k < 10; k++) {
        for (int j = 0; j < 29; j++) {
          expect[k * 29 + j] = (byte) j;
        }
      }
      assertArrayEquals(expect, z.readAll("d/29"));
      assertArrayEquals(new byte[] {'x'}, z.readAll("naïve"));
    }
  }

  @Test
  void compressedEntriesAndNonZipsAreClearErrors() throws Exception {
    Path deflated = dir.resolve("deflated.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(deflated))) {
      out.putNextEntry(new java.util.zip.ZipEntry("a/0.0"));
      out.write(new byte[1000]);
      out.closeEntry();
    }
    try (ZipStore z = ZipStore.open(new FileStore(dir), "deflated.zip", true)) {
      FormatException e = assertThrows(FormatException.class, () -> z.readAll("a/0.0"));
      assertTrue(e.getMessage().contains("deflated.zip") && e.getMessage().contains("a/0.0")
          && e.getMessage().contains("ZIP_STORED"), e.getMessage());
    }
    MemoryStore mem = new MemoryStore();
    mem.write("junk.zip", new byte[100]);
    FormatException e = assertThrows(FormatException.class, () -> ZipStore.open(mem, "junk.zip", true));
    assertTrue(e.getMessage().contains("junk.zip") && e.getMessage().contains("not a zip"), e.getMessage());
  }

  @Test
  void zipUrls() {
    assertTrue(ZipUrls.isZip("zip:s3://b/run.zip"));
    assertTrue(ZipUrls.isZip("s3://b/run.zarrmd.zip"));
    assertTrue(ZipUrls.isZip("/data/RUN.ZARRMD.ZIP"));
    assertFalse(ZipUrls.isZip("s3://b/run.zarrmd"));
    assertFalse(ZipUrls.isZip("s3://b/other.zip"));
    assertEquals("s3://b/run.zip", ZipUrls.archive("zip:s3://b/run.zip"));
    assertEquals("run.zarrmd", ZipUrls.innerName("run.zarrmd.zip"));
  }
}
