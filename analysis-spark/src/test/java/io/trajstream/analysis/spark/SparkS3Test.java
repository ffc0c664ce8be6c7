package io.trajstream.analysis.spark;

import static io.trajstream.analysis.spark.Agreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark over S3 (S3Proxy with SigV4, the executors signing with the store options they were sent):
 * every built-in analysis equals the engine; with a {@link FaultProxy} between the executors and
 * S3 and the SDK's own retries off, requests that fail make task attempts fail, Spark runs the tasks
 * again and the result is unchanged; requests that keep failing fail the job with one line naming the object.
 */
class SparkS3Test {
  @TempDir static Path dir;
  private static S3ProxyServer server;
  private static FaultProxy proxy;
  private static String url;
  private static String url2;

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.withAuthentication();
    proxy = FaultProxy.start(server.port());
    Trajectories.writeZarrmd(dir, "a.zarrmd", 11);
    Trajectories.writeZarrmd(dir, "b.zarrmd", 12);
    String root = "s3://" + S3ProxyServer.BUCKET + "/spark/";
    try (Store s3 = new S3StoreFactory().create(URI.create(root), server.config())) {
      Trajectories.upload(dir, "a.zarrmd", s3);
      Trajectories.upload(dir, "b.zarrmd", s3);
    }
    url = root + "a.zarrmd";
    url2 = root + "b.zarrmd";
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Waits for the tasks of a failed job to end (Spark cancels them, but they may still be reading)
   * before clearing the faults, so that no task of one test meets the faults the next one arms.
   */
  @AfterEach
  void clear() throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (TestSpark.session().sparkContext().statusTracker().getActiveStageIds().length > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    proxy.clearFaults();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rmsd", "rmsf", "rg", "com", "msd", "rdf"})
  void eachAnalysisEqualsTheEngine(String name) throws IOException {
    Analysis<?, ?> a = Trajectories.analysis(name);
    RunOptions options = RunOptions.builder().build();
    AnalysisResult expected = Trajectories.engine(url, server.config(), a, options);
    AnalysisResult actual = Trajectories.spark(List.of(url), server.config(), a, options).get(url);
    assertAgree(expected, actual, name + " on Spark over S3");
  }

  @Test
  void twoTrajectoriesAsOneJob() throws IOException {
    Analysis<?, ?> a = Trajectories.analysis("rdf");
    RunOptions options = RunOptions.builder().build();
    Map<String, AnalysisResult> both = Trajectories.spark(List.of(url, url2), server.config(), a, options);
    assertEquals(List.of(url, url2), List.copyOf(both.keySet()));
    assertAgree(Trajectories.engine(url, server.config(), a, options), both.get(url), "rdf of " + url);
    assertAgree(Trajectories.engine(url2, server.config(), a, options), both.get(url2), "rdf of " + url2);
  }

  /**
   * The faults are armed when the job starts (the driver has opened and planned by then), and the
   * run has one task per chunk (24), so that they meet tasks that are still to open connections.
   */
  @Test
  void failedRequestsAreRetriedAsTasksAndTheResultIsUnchanged() throws Exception {
    StoreConfig config = throughProxy();
    Analysis<?, ?> a = Trajectories.analysis("rmsf");
    RunOptions options = RunOptions.builder().chunksPerBlock(1).build();
    AnalysisResult expected = Trajectories.engine(url, server.config(), a, options);
    int faults = proxy.faultsInjected();
    FailedTasks failed = FailedTasks.register(() -> proxy.answerNext(3, 503, "application/xml", slowDown()));
    AnalysisResult actual;
    try {
      // without consolidated metadata: a zarrmd open then makes no speculative reads, whose failures
      // the reader absorbs by reading again (so the faults could meet only those and fail no task)
      @SuppressWarnings("unchecked")
      SparkRun<AnalysisResult> run = SparkAnalysisRunner.run(TestSpark.session(), List.of(url), config,
          ReadOptions.defaults().with("consolidated", "false"), (Analysis<?, AnalysisResult>) a, options);
      actual = run.results().get(url);
      // a task fetches on several connections at once: one attempt may meet more than one fault
      int attempts = failed.awaitAtLeast(1);
      assertTrue(attempts >= 1 && attempts <= 3, attempts + " task attempts failed");
    } finally {
      failed.remove();
    }
    assertEquals(faults + 3, proxy.faultsInjected(), "every armed fault met a request");
    assertAgree(expected, actual, "rmsf with three failed requests");
  }

  @Test
  void aPersistentFailureFailsTheJobWithOneLineNamingTheObject() throws Exception {
    StoreConfig config = throughProxy();
    Analysis<?, ?> a = Trajectories.analysis("rg");
    FailedTasks failed = FailedTasks.register(() -> proxy.answerNext(10_000, 503, "application/xml", slowDown()));
    IOException e;
    try {
      e = assertThrows(IOException.class,
          () -> Trajectories.spark(List.of(url), config, a, RunOptions.builder().chunksPerBlock(1).build()));
      assertTrue(failed.awaitAtLeast(4) >= 4, "the task was tried four times");
    } finally {
      failed.remove();
    }
    String m = e.getMessage();
    System.out.println("persistent failure: " + m);
    assertFalse(m.contains("\n"), "one line: " + m);
    assertTrue(m.contains(url), "names the trajectory: " + m);
    assertTrue(m.contains("after 4 attempts"), "Spark tried the task four times: " + m);
    assertFalse(m.contains(server.credential()), "no secret: " + m);
  }

  /** Store options through the proxy, with the SDK's own retries off so that a failed request fails its task. */
  private static StoreConfig throughProxy() {
    Map<String, String> m = new TreeMap<>(server.options(proxy.uri()));
    m.put("s3.max-attempts", "1");
    return StoreConfig.of(m);
  }

  private static String slowDown() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
  }
}
