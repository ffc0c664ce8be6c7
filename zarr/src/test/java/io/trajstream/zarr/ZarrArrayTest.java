package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FormatException;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZarrArrayTest {
  @TempDir Path tmp;

  /** Value of element {@code i} of a test array, representable in every type. */
  private static long value(int i, DataType t) {
    if (t.kind() == DataType.Kind.BOOL) {
      return (i * 7L) % 3 == 0 ? 1 : 0;
    }
    if (t.size() == 1) {
      return (i * 13L) % 100;
    }
    return (i * 7919L) % 30000 - (t.kind() == DataType.Kind.UINT ? 0 : 15000);
  }

  private static ByteBuffer fillRegion(DataType t, long[] shape, long[] start, int[] count) {
    int n = 1;
    for (int c : count) {
      n *= c;
    }
    ByteBuffer b = ByteBuffer.allocate(n * t.size()).order(t.order());
    int[] idx = new int[count.length];
    for (int k = 0; k < n; k++) {
      long flat = 0;
      for (int d = 0; d < shape.length; d++) {
        flat = flat * shape[d] + start[d] + idx[d];
      }
      t.putLong(b, k, value((int) flat, t));
      for (int d = count.length - 1; d >= 0; d--) {
        if (++idx[d] < count[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"<f4", "<f8", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "|b1", ">f4", ">f8", ">i2", ">i4", ">i8", ">u2", ">u4", ">u8", "|i1"})
  void everyDtypeRoundTripsAcrossChunkBoundaries(String code) throws IOException {
    DataType t = DataType.parse(code);
    assertEquals(code, t.code());
    for (char order : new char[] {'C', 'F'}) {
      for (String sep : new String[] {".", "/"}) {
        Store store = new MemoryStore();
        ZarrHierarchy h = ZarrHierarchy.create(store);
        long[] shape = {7, 5, 3};
        ArrayMetadata meta = new ArrayMetadata(shape, new int[] {3, 2, 2}, t, 0L, order, sep,
            Map.of("id", "zstd", "level", 1), List.of());
        ZarrArray a = ZarrArray.create(h, "g/arr", meta, null);
        // Write in two overlapping, unaligned pieces, then check whole and partial reads.
        a.write(new long[] {0, 0, 0}, new int[] {4, 5, 3}, fillRegion(t, shape, new long[] {0, 0, 0}, new int[] {4, 5, 3}));
        a.write(new long[] {4, 1, 0}, new int[] {3, 4, 3}, fillRegion(t, shape, new long[] {4, 1, 0}, new int[] {3, 4, 3}));
        a.write(new long[] {4, 0, 0}, new int[] {3, 1, 3}, fillRegion(t, shape, new long[] {4, 0, 0}, new int[] {3, 1, 3}));
        ZarrArray back = ZarrHierarchy.open(store).array("g/arr");
        assertEquals(meta, back.metadata());
        assertArrayEquals(fillRegion(t, shape, new long[3], new int[] {7, 5, 3}).array(), back.readAll().array(), code + order + sep);
        long[] s = {2, 1, 1};
        int[] c = {4, 3, 2};
        assertArrayEquals(fillRegion(t, shape, s, c).array(), back.read(s, c).array(), code + order + sep + " partial");
        String sample = sep.equals(".") ? "g/arr/1.1.0" : "g/arr/1/1/0";
        assertTrue(store.exists(sample), "chunk key " + sample);
      }
    }
  }

  @Test
  void byteOrderMarkOfOneByteTypesIsIrrelevant() {
    assertEquals(DataType.parse("|u1"), DataType.parse("<u1"));
    assertEquals(DataType.parse("|b1"), DataType.parse("<b1"));
    assertThrows(IllegalArgumentException.class, () -> DataType.parse("<c8"));
    assertThrows(IllegalArgumentException.class, () -> DataType.parse("<f2"));
  }

  @Test
  void missingChunksReadAsFillValue() throws IOException {
    Store store = new MemoryStore();
    ZarrHierarchy h = ZarrHierarchy.create(store);
    ArrayMetadata meta = ArrayMetadata.of(new long[] {10}, new int[] {4}, DataType.FLOAT64, Double.NaN, null);
    ZarrArray a = ZarrArray.create(h, "x", meta, null);
    a.write(new long[] {4}, new int[] {2}, DataType.FLOAT64.fromDoubles(new double[] {1.5, 2.5}));
    double[] v = DataType.FLOAT64.toDoubles(ZarrHierarchy.open(store).array("x").readAll(), 10);
    assertTrue(Double.isNaN(v[0]) && Double.isNaN(v[3]) && Double.isNaN(v[9]));
    assertEquals(1.5, v[4]);
    assertEquals(2.5, v[5]);
    assertTrue(Double.isNaN(v[6]), "rest of a partly written chunk keeps the fill value");
    assertFalse(store.exists("x/0"));
    String json = new String(store.readAll("x/.zarray"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"fill_value\": \"NaN\""), json);
  }

  @Test
  void randomHyperslabsMatchAReferenceArray() throws IOException {
    Store store = new FileStore(tmp);
    ZarrHierarchy h = ZarrHierarchy.create(store);
    long[] shape = {13, 11, 3};
    ArrayMetadata meta = new ArrayMetadata(shape, new int[] {4, 3, 3}, DataType.FLOAT32, 0.0, 'C', ".",
        Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0), List.of());
    ZarrArray a = ZarrArray.create(h, "p", meta, null);
    float[] ref = new float[13 * 11 * 3];
    Random rnd = new Random(1);
    for (int i = 0; i < 40; i++) {
      long[] s = {rnd.nextInt(13), rnd.nextInt(11), rnd.nextInt(3)};
      int[] c = {1 + rnd.nextInt((int) (13 - s[0])), 1 + rnd.nextInt((int) (11 - s[1])), 1 + rnd.nextInt((int) (3 - s[2]))};
      float[] vals = new float[c[0] * c[1] * c[2]];
      for (int k = 0; k < vals.length; k++) {
        vals[k] = rnd.nextFloat() * 100;
      }
      int k = 0;
      for (int x = 0; x < c[0]; x++) {
        for (int y = 0; y < c[1]; y++) {
          for (int z = 0; z < c[2]; z++) {
            ref[(int) (((s[0] + x) * 11 + s[1] + y) * 3 + s[2] + z)] = vals[k++];
          }
        }
      }
      a.write(s, c, DataType.FLOAT32.fromFloats(vals, 0, vals.length));
      long[] rs = {rnd.nextInt(13), rnd.nextInt(11), 0};
      int[] rc = {1 + rnd.nextInt((int) (13 - rs[0])), 1 + rnd.nextInt((int) (11 - rs[1])), 3};
      float[] got = DataType.FLOAT32.toFloats(a.read(rs, rc), rc[0] * rc[1] * 3);
      int q = 0;
      for (int x = 0; x < rc[0]; x++) {
        for (int y = 0; y < rc[1]; y++) {
          for (int z = 0; z < 3; z++) {
            assertEquals(ref[(int) (((rs[0] + x) * 11 + rs[1] + y) * 3 + z)], got[q++]);
          }
        }
      }
    }
  }

  @Test
  void unknownCodecIsAnErrorNamingCodecArrayAndStore() throws IOException {
    Store store = new MemoryStore("mem://codec-test/");
    store.write("weird/.zarray", ("{\"chunks\":[2],\"compressor\":{\"id\":\"snappy9\"},\"dtype\":\"<f4\",\"fill_value\":0.0,"
        + "\"filters\":null,\"order\":\"C\",\"shape\":[4],\"zarr_format\":2}").getBytes(StandardCharsets.UTF_8));
    FormatException e = assertThrows(FormatException.class, () -> ZarrHierarchy.open(store).array("weird"));
    assertTrue(e.getMessage().contains("snappy9"), e.getMessage());
    assertTrue(e.getMessage().contains("weird"), e.getMessage());
    assertTrue(e.getMessage().contains("mem://codec-test/"), e.getMessage());
  }

  @Test
  void consolidatedMetadataIsWrittenAndUsed() throws IOException {
    MemoryStore store = new MemoryStore();
    ZarrHierarchy h = ZarrHierarchy.create(store);
    ZarrGroup.create(h, "", null);
    ZarrGroup.create(h, "a", Json.toTree(Map.of("k", "v")));
    ZarrArray.create(h, "a/b", ArrayMetadata.of(new long[] {3}, new int[] {3}, DataType.INT32, 0L, null), null)
        .write(new long[] {0}, new int[] {3}, DataType.INT32.fromLongs(new long[] {1, 2, 3}));
    h.consolidate();
    // Remove the per-key metadata: a consolidated reader must not need it.
    store.delete("a/.zattrs");
    store.delete("a/b/.zarray");
    ZarrHierarchy back = ZarrHierarchy.open(store);
    assertTrue(back.isConsolidated());
    assertEquals("v", back.group("a").attributes().get("k").asText());
    assertEquals(List.of("b"), back.group("a").children());
    assertArrayEquals(new long[] {1, 2, 3}, DataType.INT32.toLongs(back.array("a/b").readAll(), 3));
    ByteBuffer bb = back.array("a/b").readAll();
    assertEquals(ByteOrder.LITTLE_ENDIAN, bb.order());
  }
}
