package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads started with {@link TrajectoryReader#readAsync} wait for the store requests they issue; no
 * thread of a bounded pool may block on work queued to that same pool, or a small pool stops.
 */
class ReadAsyncPoolsTest {
  static final int FRAMES = 128;
  static final int CALLS = 32;
  static final int PER_CALL = 4;

  /** Starts {@link #CALLS} reads of {@link #PER_CALL} frames each and checks every value. */
  static void readConcurrently(TrajectoryReader reader, Executor executor) throws Exception {
    List<CompletableFuture<FrameBlock>> futures = new ArrayList<>();
    for (int c = 0; c < CALLS; c++) {
      FrameRange frames = FrameRange.of(c * PER_CALL, c * PER_CALL + PER_CALL);
      futures.add(executor == null
          ? reader.readAsync(frames, AtomSelection.all(), EnumSet.of(Field.POSITION))
          : reader.readAsync(frames, AtomSelection.all(), EnumSet.of(Field.POSITION), executor));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    for (int c = 0; c < CALLS; c++) {
      FrameBlock b = futures.get(c).join();
      for (int i = 0; i < PER_CALL; i++) {
        int f = c * PER_CALL + i;
        assertEquals(f, b.frame(i));
        assertArrayEquals(new float[] {f, f + 0.25f, f + 0.5f},
            java.util.Arrays.copyOfRange(b.positions(), 3 * i, 3 * i + 3), "frame " + f);
      }
    }
  }

  static StoreInput flatInput() throws IOException {
    MemoryStore store = new MemoryStore();
    store.write("flat.bin", VectoredFrameReader.layout(FRAMES));
    return store.newInput("flat.bin");
  }

  @Test
  void readsRunOnTheOneThreadOfTheIoPoolTheyQueueRequestsToComplete() throws Exception {
    ExecutorService io = IoExecutors.newBoundedPool("test-io", 1);
    try {
      StoreInput input = new ForwardingStoreInput(flatInput()) {
        @Override
        public Executor ioExecutor() {
          return io;
        }
      };
      readConcurrently(new VectoredFrameReader(input), io);
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void defaultReadAsyncRunsOutsideTheSharedIoPool() throws Exception {
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    TrajectoryReader reader = new VectoredFrameReader(flatInput()) {
      @Override
      public FrameBlock read(FrameRange frames, AtomSelection atoms, java.util.Set<Field> fields) throws IOException {
        threads.add(Thread.currentThread().getName());
        return super.read(frames, atoms, fields);
      }
    };
    readConcurrently(reader, null);
    assertEquals(CALLS, threads.size());
    for (String t : threads) {
      assertTrue(t.startsWith("trajstream-read-"), "read ran on " + t);
    }
  }

  /** What a user gets with {@code -Dtrajstream.io.threads=1}: the process-wide pools as configured. */
  @Test
  void defaultReadAsyncCompletesWithOneSharedIoThread(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("child.log");
    Process p = new ProcessBuilder(java.toString(), "-Dtrajstream.io.threads=1",
        "-cp", System.getProperty("java.class.path"), ReadAsyncMain.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = p.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(exited, "child JVM with one I/O thread did not finish:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("read " + CALLS + " blocks"), out);
    assertFalse(out.contains("Exception"), out);
  }

  /** The child JVM of {@link #defaultReadAsyncCompletesWithOneSharedIoThread}. */
  public static final class ReadAsyncMain {
    public static void main(String[] args) throws Exception {
      if (!"1".equals(System.getProperty("trajstream.io.threads"))) {
        throw new IllegalStateException("run with -Dtrajstream.io.threads=1");
      }
      try (StoreInput input = flatInput()) {
        readConcurrently(new VectoredFrameReader(input), null);
      }
      System.out.println("read " + CALLS + " blocks");
      System.exit(0);
    }
  }
}
