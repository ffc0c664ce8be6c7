package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.AbstractFormatContractTest.GoldenFile;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarr.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Golden zarrmd files of the shared data with the positions EXPECTED.json gives for them. */
final class ZarrmdContractSupport {
  private ZarrmdContractSupport() {}

  static List<GoldenFile> goldenFiles() throws IOException {
    Path data = TestEnvironment.requireSharedData();
    JsonNode e = Json.parse(Files.readAllBytes(data.resolve("EXPECTED.json"))).get("zarrtraj_synthetic_h5md");
    Map<Integer, Map<Integer, float[]>> positions = new HashMap<>();
    for (JsonNode fd : e.get("frames_detail")) {
      Map<Integer, float[]> atoms = new HashMap<>();
      JsonNode probe = e.get("probe_atoms");
      for (int k = 0; k < probe.size(); k++) {
        JsonNode p = fd.get("positions").get(k);
        atoms.put(probe.get(k).asInt(), new float[] {(float) p.get(0).asDouble(), (float) p.get(1).asDouble(), (float) p.get(2).asDouble()});
      }
      positions.put(fd.get("frame").asInt(), atoms);
    }
    FileStore store = new FileStore(data.resolve("zarrtraj"));
    List<GoldenFile> out = new ArrayList<>();
    for (String name : new String[] {"SYNTHETIC", "VARIED_STEPS", "MISSING_TIME_DSET"}) {
      out.add(new GoldenFile(name, store, "COORDINATES_" + name + "_ZARRMD.zarrmd", e.get("atoms").asInt(), e.get("frames").asInt(), positions));
    }
    return out;
  }
}
