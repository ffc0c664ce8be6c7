package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.ReadOptions;
import io.trajstream.h5md.index.Json;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.store.FileStore;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our chunk index (through jhdf's, made absolute with the user block) equals h5py's {@code
 * get_chunk_info}, and the bytes at our offsets are the stored chunk {@code read_direct_chunk}
 * returns. HDF5 reports addresses relative to the superblock, so with a user block ours are
 * {@code userblock} bytes further.
 */
class ChunkIndexTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_chunk1", "mda_lzf", "h5_latest", "h5_userblock", "h5_shuffle_fletcher_gzip");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_chunk1", "mda_lzf", "h5_latest", "h5_userblock", "h5_shuffle_fletcher_gzip"})
  void chunkIndexEqualsH5py(String name) throws Exception {
    List<String> datasets = List.of("particles/trajectory/position/value", "particles/trajectory/velocity/value",
        "particles/trajectory/force/value", "particles/trajectory/box/edges/value");
    String[] args = new String[datasets.size() + 1];
    args[0] = dir.resolve(name + ".h5md").toString();
    for (int i = 0; i < datasets.size(); i++) {
      args[i + 1] = datasets.get(i);
    }
    Map<?, ?> h5py = (Map<?, ?>) Json.parse(TestEnvironment.python(Interop.script("chunk_info.py"), args));
    long userblock = ((Number) h5py.get("userblock")).longValue();
    FileStore store = new FileStore(dir);
    try (StoreInput in = store.newInput(name + ".h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, name, ReadOptions.defaults())) {
      assertEquals(userblock, s.userBlock());
      int compared = 0;
      for (String path : datasets) {
        H5Dataset ds = s.root().dataset(path);
        List<?> theirs = (List<?>) ((Map<?, ?>) h5py.get(path)).get("chunks");
        TreeMap<String, ChunkRef> ours = new TreeMap<>();
        for (Map.Entry<Long, ChunkRef> e : ds.chunks().entrySet()) {
          long[] g = ds.grid(e.getKey());
          int[] cs = ds.chunkShape();
          StringBuilder key = new StringBuilder();
          for (int d = 0; d < g.length; d++) {
            key.append(g[d] * cs[d]).append(',');
          }
          ours.put(key.toString(), e.getValue());
        }
        assertEquals(theirs.size(), ours.size(), path + ": number of chunks");
        for (Object o : theirs) {
          Map<?, ?> c = (Map<?, ?>) o;
          StringBuilder key = new StringBuilder();
          for (Object x : (List<?>) c.get("offset")) {
            key.append(((Number) x).longValue()).append(',');
          }
          ChunkRef r = ours.get(key.toString());
          assertTrue(r != null, path + ": no chunk at " + key);
          assertEquals(((Number) c.get("byte_offset")).longValue() + userblock, r.offset(), path + " offset of chunk " + key);
          assertEquals(((Number) c.get("size")).intValue(), r.size(), path + " size of chunk " + key);
          assertEquals(((Number) c.get("filter_mask")).intValue(), r.filterMask(), path + " mask of chunk " + key);
          byte[] stored = new byte[r.size()];
          in.readFully(r.offset(), stored, 0, stored.length);
          String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(stored));
          assertEquals(c.get("sha1"), sha, path + " bytes of chunk " + key);
          compared++;
        }
      }
      assertTrue(compared > 0, "compared some chunks");
    }
  }
}
