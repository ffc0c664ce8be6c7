package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.KerchunkIndexWriter;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real trajectories (the shared peer files) uploaded to an embedded S3Proxy read back through the
 * runtime facade and the real format plugins exactly as from local disk: H5MD with and without its
 * byte-range index, zarrmd, and a zarrmd written to {@code s3://}.
 */
class S3EndToEndTest {
  private static S3ProxyServer server;
  private static Path shared;
  private static String root;
  private static StoreConfig config;

  @BeforeAll
  static void upload() throws Exception {
    shared = TestEnvironment.requireSharedData();
    server = S3ProxyServer.withAuthentication();
    config = server.config();
    root = "s3://" + S3ProxyServer.BUCKET + "/e2e-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    try (Store s3 = new S3StoreFactory().create(URI.create(root), config)) {
      for (String f : List.of("mdanalysis/coordinates/test.h5md", "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md")) {
        s3.write("plain/" + f, Files.readAllBytes(shared.resolve(f)));
        s3.write("indexed/" + f, Files.readAllBytes(shared.resolve(f)));
      }
      Path z = shared.resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd");
      StoreFixtures.upload(z, s3, "zarr/synthetic.zarrmd");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static void assertSameTrajectory(TrajectoryReader local, TrajectoryReader remote) throws IOException {
    TrajectoryInfo a = local.info();
    TrajectoryInfo b = remote.info();
    assertEquals(a.format(), b.format());
    assertEquals(a.atoms(), b.atoms());
    assertEquals(a.frames(), b.frames());
    assertArrayEquals(a.steps(), b.steps());
    assertEquals(a.fields(), b.fields());
    assertEquals(a.hasTime(), b.hasTime());
    for (int i = 0; i < a.frames(); i++) {
      assertEquals(a.hasTime() ? a.time(i) : 0, b.hasTime() ? b.time(i) : 0);
    }
    for (Field f : a.fields()) {
      assertEquals(a.unit(f), b.unit(f), "unit of " + f);
    }
    assertEquals(a.chunkLayout(), b.chunkLayout());
    assertEquals(a.compression(), b.compression());
    FrameBlock x = local.read(FrameRange.of(0, a.frames()), AtomSelection.all(), a.fields());
    FrameBlock y = remote.read(FrameRange.of(0, b.frames()), AtomSelection.all(), b.fields());
    assertTrue(x.fields().size() > 0);
    for (Field f : x.fields()) {
      assertArrayEquals(x.values(f), y.values(f), "values of " + f);
      for (int i = 0; i < x.frameCount(); i++) {
        assertEquals(x.has(f, i), y.has(f, i));
      }
    }
    for (int i = 0; i < x.frameCount(); i++) {
      if (x.box(i) != null) {
        assertArrayEquals(x.box(i), y.box(i), "box of frame " + i);
      }
    }
  }

  private static void compare(String localPath, String s3Url) throws IOException {
    TrajStream ts = TrajStream.create();
    try (TrajectoryReader local = ts.open(localPath, StoreConfig.empty());
        TrajectoryReader remote = ts.open(s3Url, config)) {
      assertSameTrajectory(local, remote);
    }
  }

  @Test
  void h5mdWithoutIndexReadsAsFromDisk() throws IOException {
    for (String f : List.of("mdanalysis/coordinates/test.h5md", "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md")) {
      compare(shared.resolve(f).toString(), root + "plain/" + f);
    }
  }

  @Test
  void h5mdWithIndexReadsAsFromDiskWithFewerRequests() throws IOException {
    String f = "mdanalysis/cobrotoxin.h5md";
    try (Store s3 = new S3StoreFactory().create(URI.create(root), config)) {
      String written = new KerchunkIndexWriter().writeBeside(s3, "indexed/" + f, root + "indexed/" + f);
      assertTrue(s3.exists(written));
    }
    compare(shared.resolve(f).toString(), root + "indexed/" + f);
    // the index replaces HDF5 metadata reads; for a file this small the reader's 1 MiB head read at
    // open already holds them, so the index may save nothing, but it never costs more
    assertTrue(requestsToOpenAndRead(root + "indexed/" + f) <= requestsToOpenAndRead(root + "plain/" + f),
        "an index beside the file should never cost requests");
  }

  private static long requestsToOpenAndRead(String url) throws IOException {
    AtomicReference<MeteredStore> meter = new AtomicReference<>();
    TrajStream ts = TrajStream.create().withStoreDecorator(s -> {
      MeteredStore m = new MeteredStore(s);
      meter.set(m);
      return m;
    });
    try (TrajectoryReader r = ts.open(url, config)) {
      r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), r.info().fields());
    }
    return meter.get().totalRequests();
  }

  @Test
  void zarrmdReadsAsFromDisk() throws IOException {
    compare(shared.resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd").toString(), root + "zarr/synthetic.zarrmd");
  }

  @Test
  void zarrmdWrittenToS3ReadsBackEqual() throws IOException {
    TrajStream ts = TrajStream.create();
    String out = root + "written/cobrotoxin.zarrmd";
    String src = shared.resolve("mdanalysis/cobrotoxin.h5md").toString();
    try (TrajectoryReader in = ts.open(src, StoreConfig.empty())) {
      TrajectoryInfo info = in.info();
      try (TrajectoryWriter w = ts.create(out, config, "zarrmd", info, WriteOptions.defaults())) {
        List<FrameBlock> blocks = new ArrayList<>();
        for (int i = 0; i < info.frames(); i++) {
          blocks.add(in.read(FrameRange.single(i), AtomSelection.all(), info.fields()));
        }
        for (FrameBlock b : blocks) {
          w.append(b);
        }
      }
    }
    try (Store s3 = new S3StoreFactory().create(URI.create(root), config)) {
      assertTrue(s3.list("written/cobrotoxin.zarrmd/").count() > 3, "a zarr store of several objects");
    }
    try (TrajectoryReader a = ts.open(src, StoreConfig.empty()); TrajectoryReader b = ts.open(out, config)) {
      FrameBlock x = a.read(FrameRange.of(0, a.info().frames()), AtomSelection.all(), a.info().fields());
      FrameBlock y = b.read(FrameRange.of(0, b.info().frames()), AtomSelection.all(), b.info().fields());
      assertEquals(a.info().frames(), b.info().frames());
      assertArrayEquals(a.info().steps(), b.info().steps());
      for (Field f : x.fields()) {
        assertArrayEquals(x.values(f), y.values(f), "values of " + f);
      }
    }
  }
}
