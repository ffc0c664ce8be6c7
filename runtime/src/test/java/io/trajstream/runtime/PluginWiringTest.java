package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStoreFactory;
import io.trajstream.store.MemoryStoreFactory;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginWiringTest {

  /** A tiny real format for facade tests: magic "TSTF", then the atom and frame counts of a synthetic trajectory. */
  static class TinyFormat implements TrajectoryFormat {
    @Override
    public String name() {
      return "tiny";
    }

    @Override
    public Set<String> extensions() {
      return Set.of(".tiny");
    }

    @Override
    public Optional<Probe> probe(Store store, String key) throws IOException {
      if (!store.exists(key)) {
        return Optional.empty();
      }
      byte[] head = store.readAll(key);
      return head.length >= 4 && new String(head, 0, 4).equals("TSTF") ? Optional.of(new Probe("tiny", "magic TSTF")) : Optional.empty();
    }

    @Override
    public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
      String[] parts = new String(store.readAll(key)).substring(4).trim().split(" ");
      return SyntheticTrajectory.builder().atoms(Integer.parseInt(parts[0])).frames(Integer.parseInt(parts[1])).build().reader(2);
    }
  }

  static final class OtherMemoryFactory implements StoreFactory {
    @Override
    public Set<String> schemes() {
      return Set.of("mem");
    }

    @Override
    public Store create(URI root, StoreConfig config) {
      return new MemoryStoreFactory().create(root, config);
    }
  }

  @Test
  void discoversBuiltInStoresWithTheirModules() {
    PluginRegistry r = PluginRegistry.load();
    assertTrue(r.stores().keySet().containsAll(Set.of("file", "mem", "http", "https")), r.stores().keySet().toString());
    assertEquals("trajstream-api", PluginRegistry.moduleOf(r.store("file").getClass()));
    assertEquals("trajstream-runtime", PluginRegistry.moduleOf(r.store("https").getClass()));
  }

  @Test
  void duplicateSchemeNamesBothClasses() {
    PluginException e = assertThrows(PluginException.class,
        () -> PluginRegistry.of(List.of(new MemoryStoreFactory(), new OtherMemoryFactory()), List.of(), List.of()));
    assertTrue(e.getMessage().contains(MemoryStoreFactory.class.getName()) && e.getMessage().contains(OtherMemoryFactory.class.getName()), e.getMessage());
  }

  @Test
  void duplicateFormatNameNamesBothClasses() {
    TrajectoryFormat other = new TinyFormat() {};
    PluginException e = assertThrows(PluginException.class,
        () -> PluginRegistry.of(List.of(), List.of(new TinyFormat(), other), List.of()));
    assertTrue(e.getMessage().contains("tiny") && e.getMessage().contains(TinyFormat.class.getName()), e.getMessage());
  }

  @Test
  void missingSchemeNamesTheModuleToAdd() {
    TrajStream ts = TrajStream.of(PluginRegistry.of(List.of(new FileStoreFactory()), List.of(new TinyFormat()), List.of()));
    PluginException e = assertThrows(PluginException.class, () -> ts.open("s3://bucket/run.h5md", StoreConfig.empty()));
    assertEquals("no store for scheme 's3': add io.trajstream:trajstream-store-s3 (available: [file])", e.getMessage());
    PluginException g = assertThrows(PluginException.class, () -> ts.open("gs://bucket/run.h5md", StoreConfig.empty()));
    assertTrue(g.getMessage().contains("trajstream-store-gcs"), g.getMessage());
  }

  @Test
  void facadeOpensByProbeThenExtensionAndClosesTheStore(@TempDir Path dir) throws IOException {
    TrajStream ts = TrajStream.of(PluginRegistry.of(List.of(new FileStoreFactory(), new MemoryStoreFactory()), List.of(new TinyFormat()), List.of()));
    Files.writeString(dir.resolve("run.dat"), "TSTF 7 5");
    try (TrajectoryReader r = ts.open(dir.resolve("run.dat").toString(), StoreConfig.empty())) {
      assertEquals(7, r.info().atoms());
      FrameBlock b = r.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertEquals(5, b.frameCount());
    }
    try (TrajectoryReader r = ts.open(dir.resolve("run.dat").toUri().toString(), StoreConfig.empty())) {
      assertEquals(5, r.info().frames());
    }
    Files.writeString(dir.resolve("junk.bin"), "nothing here");
    FormatException e = assertThrows(FormatException.class, () -> ts.open(dir.resolve("junk.bin").toString(), StoreConfig.empty()));
    assertTrue(e.getMessage().contains("junk.bin") && e.getMessage().contains("tiny"), e.getMessage());
    assertThrows(java.io.FileNotFoundException.class, () -> ts.open(dir.resolve("absent.tiny").toString(), StoreConfig.empty()));
  }

  @Test
  void guiceModuleBindsPluginsAndUserModulesAddAndOverride() {
    PluginRegistry reg = PluginRegistry.of(List.of(new FileStoreFactory()), List.of(), List.of());
    StoreFactory custom = new OtherMemoryFactory();
    StoreFactory replacementFile = new FileStoreFactory();
    Injector injector = Guice.createInjector(
        new TrajStreamModule(reg),
        binder -> {
          TrajStreamModule.storeOverrides(binder).addBinding("file").toInstance(replacementFile);
          TrajStreamModule.storeBinder(binder).addBinding("mem").toInstance(custom);
          TrajStreamModule.formatBinder(binder).addBinding().toInstance(new TinyFormat());
        });
    java.util.Map<String, StoreFactory> stores = injector.getInstance(
        com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Map<String, StoreFactory>>() {}));
    assertSame(custom, stores.get("mem"));
    java.util.Map<String, StoreFactory> overrides = injector.getInstance(
        com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Map<String, StoreFactory>>() {}, Overrides.class));
    assertSame(replacementFile, overrides.get("file"));
    TrajStream ts = injector.getInstance(TrajStream.class);
    assertTrue(ts.hasScheme("mem") && ts.hasScheme("file"));
    assertEquals(List.of("tiny"), ts.formats().stream().map(TrajectoryFormat::name).toList());
  }

  @Test
  void storeUrlSplitsRootAndKey() {
    StoreUrl u = StoreUrl.parse("s3://bucket/runs/2024/a.h5md");
    assertEquals("s3", u.scheme());
    assertEquals("s3://bucket/runs/2024/", u.root().toString());
    assertEquals("a.h5md", u.key());
    StoreUrl z = StoreUrl.parse("gs://b/x.zarrmd/");
    assertEquals("x.zarrmd", z.key());
    assertEquals("gs://b/", z.root().toString());
    StoreUrl f = StoreUrl.parse("/tmp/some dir/t.h5md");
    assertEquals("file", f.scheme());
    assertEquals("t.h5md", f.key());
    assertTrue(Arrays.asList(f.root().toString().split("/")).contains("some%20dir"), f.root().toString());
    assertThrows(IllegalArgumentException.class, () -> StoreUrl.parse("s3://bucket"));
  }
}
