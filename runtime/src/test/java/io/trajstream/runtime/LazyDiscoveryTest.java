package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.format.Probe;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStoreFactory;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins are instantiated when a lookup reaches them, not at discovery; the format comes from the
 * extension without a probe; a probe that fails does not stop another format from recognising
 * the object.
 */
class LazyDiscoveryTest {
  static final AtomicInteger COUNTED = new AtomicInteger();

  /** A store plugin that counts its instantiations. */
  public static final class CountedStoreFactory implements StoreFactory {
    public CountedStoreFactory() {
      COUNTED.incrementAndGet();
    }

    @Override
    public Set<String> schemes() {
      return Set.of("counted");
    }

    @Override
    public Store create(URI root, StoreConfig config) {
      return new FileStoreFactory().create(root, config);
    }
  }

  /** A store plugin that cannot be instantiated: reaching it shows. */
  public static final class BrokenStoreFactory implements StoreFactory {
    public BrokenStoreFactory() {
      throw new IllegalStateException("BrokenStoreFactory was instantiated");
    }

    @Override
    public Set<String> schemes() {
      return Set.of("broken");
    }

    @Override
    public Store create(URI root, StoreConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  /** An analysis plugin that cannot be instantiated. */
  public static final class BrokenAnalysisFactory implements AnalysisFactory {
    public BrokenAnalysisFactory() {
      throw new IllegalStateException("BrokenAnalysisFactory was instantiated");
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String description() {
      return "never";
    }

    @Override
    public Analysis<?, ?> create(AnalysisParams params) {
      throw new UnsupportedOperationException();
    }
  }

  /** The tiny format of {@link PluginWiringTest}, public for the service loader. */
  public static final class ServiceTinyFormat extends PluginWiringTest.TinyFormat {}

  /** A loader that sees this module's test classes plus service files listing the plugins above. */
  private static ClassLoader loaderWithServices(Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    // the built-in file and mem stores come first (parent loader), then these, in this order
    Files.writeString(services.resolve(StoreFactory.class.getName()),
        CountedStoreFactory.class.getName() + "\n" + BrokenStoreFactory.class.getName() + "\n", StandardCharsets.UTF_8);
    Files.writeString(services.resolve(AnalysisFactory.class.getName()),
        BrokenAnalysisFactory.class.getName() + "\n", StandardCharsets.UTF_8);
    Files.writeString(services.resolve(TrajectoryFormat.class.getName()),
        ServiceTinyFormat.class.getName() + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, LazyDiscoveryTest.class.getClassLoader());
  }

  @Test
  void lookupsInstantiateOnlyThePluginsTheyReach(@TempDir Path dir) throws IOException {
    COUNTED.set(0);
    PluginRegistry reg = PluginRegistry.load(loaderWithServices(dir.resolve("cp")));
    Files.writeString(dir.resolve("run.tiny"), "TSTF 7 5");
    try (TrajectoryReader r = TrajStream.of(reg).open(dir.resolve("run.tiny").toString(), StoreConfig.empty())) {
      assertEquals(7, r.info().atoms());
    }
    assertEquals(0, COUNTED.get(), "opening a local file instantiated the 'counted' store plugin");
    assertTrue(reg.findStore("counted").isPresent());
    assertEquals(1, COUNTED.get());
    reg.findStore("counted");
    assertEquals(1, COUNTED.get(), "a plugin is instantiated once");
    // listing reaches every plugin, the broken ones included: one line naming the plugin class
    PluginException e = assertThrows(PluginException.class, reg::describe);
    assertTrue(e.getMessage().contains("BrokenStoreFactory"), e.getMessage());
  }

  @Test
  void anAnalysisIsInstantiatedOnlyWhenOneIsAskedFor(@TempDir Path dir) throws IOException {
    PluginRegistry reg = PluginRegistry.load(loaderWithServices(dir.resolve("cp")));
    assertTrue(reg.findStore("file").isPresent());
    assertSame(ServiceTinyFormat.class, reg.format("tiny").getClass());
    PluginException e = assertThrows(PluginException.class, () -> reg.analysis("rmsd"));
    assertTrue(e.getMessage().contains("BrokenAnalysisFactory"), e.getMessage());
  }

  /** A format whose probe always fails the way a static HTTP server answers a request for a directory. */
  static final class DeniedProbeFormat extends PluginWiringTest.TinyFormat {
    final AtomicInteger probes = new AtomicInteger();

    @Override
    public String name() {
      return "aaa-denied"; // probed first: formats probe in name order
    }

    @Override
    public Set<String> extensions() {
      return Set.of(".denied");
    }

    @Override
    public Optional<Probe> probe(Store store, String key) throws IOException {
      probes.incrementAndGet();
      throw new StoreException(store.location(key), "access denied (HTTP 403)");
    }
  }

  @Test
  void aTrustedExtensionCostsNoProbe(@TempDir Path dir) throws IOException {
    DeniedProbeFormat denied = new DeniedProbeFormat();
    CountingTiny tiny = new CountingTiny();
    TrajStream ts = TrajStream.of(PluginRegistry.of(List.of(new FileStoreFactory()), List.of(denied, tiny), List.of()));
    Files.writeString(dir.resolve("run.tiny"), "TSTF 3 2");
    try (TrajectoryReader r = ts.open(dir.resolve("run.tiny").toString(), StoreConfig.empty())) {
      assertEquals(3, r.info().atoms());
    }
    assertEquals(0, denied.probes.get() + tiny.probes.get(), "no format probed a key whose extension names one");
  }

  @Test
  void aFailedProbeMeansNotThisFormatWhenAnotherRecognisesTheObject(@TempDir Path dir) throws IOException {
    DeniedProbeFormat denied = new DeniedProbeFormat();
    TrajStream ts = TrajStream.of(PluginRegistry.of(List.of(new FileStoreFactory()),
        List.of(denied, new PluginWiringTest.TinyFormat()), List.of()));
    Files.writeString(dir.resolve("run"), "TSTF 4 2");
    try (TrajectoryReader r = ts.open(dir.resolve("run").toString(), StoreConfig.empty())) {
      assertEquals(4, r.info().atoms());
    }
    assertEquals(1, denied.probes.get());
    // nothing recognises it: the failure, which may be why, is the answer (not "not recognised")
    Files.writeString(dir.resolve("other"), "nothing");
    StoreException e = assertThrows(StoreException.class, () -> ts.open(dir.resolve("other").toString(), StoreConfig.empty()));
    assertTrue(e.getMessage().contains("other") && e.getMessage().contains("403"), e.getMessage());
  }

  static final class CountingTiny extends PluginWiringTest.TinyFormat {
    final AtomicInteger probes = new AtomicInteger();

    @Override
    public Optional<Probe> probe(Store store, String key) throws IOException {
      probes.incrementAndGet();
      return super.probe(store, key);
    }
  }
}
