package io.trajstream.runtime;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.HostileHttpServer;
import io.trajstream.testkit.net.HostileHttpServer.Mode;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Runs HttpStore against the hostile server modes that once exhausted the heap, in a JVM of its
 * own started by {@link HttpStoreBoundedHeapTest} with a small {@code -Xmx}: prints one line per
 * mode ({@code ok …} or {@code FAILED …}) and exits 0 only when every mode had its documented
 * outcome. An {@link OutOfMemoryError} ends the run with a failure.
 */
public final class HostileReadsMain {
  private static final long MIB = 1024 * 1024;
  private static int failures;

  private HostileReadsMain() {}

  public static void main(String[] args) throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start();
        Store store = new HttpStoreFactory().create(server.uri(),
            StoreConfig.of(Map.of("http.retries", "1", "http.max-retry-wait-ms", "50")))) {
      long big = 300 * MIB;
      server.putPattern("/big.bin", big).put("/meta.json", new byte[9000]);

      server.mode(Mode.IGNORES_RANGE);
      expectError("10 bytes of a 300 MB object from a server that ignores Range", "server ignores Range requests",
          () -> store.newInput("big.bin", big).read(6, 10));
      expectError("the length, then 10 bytes, of a 300 MB object from a server that ignores Range",
          "server ignores Range requests", () -> {
            StoreInput in = store.newInput("big.bin");
            in.length();
            in.read(1000, 10);
          });

      server.mode(Mode.ENDLESS);
      expectError("readAll of an endless body", "server ignores Range requests", () -> store.readAll("big.bin"));
      expectError("10 bytes of an endless body", "server ignores Range requests",
          () -> store.newInput("big.bin").read(6, 10));

      server.mode(Mode.ENDLESS_PARTIAL);
      ByteBuffer b = store.newInput("big.bin", big).read(200 * MIB, 10);
      boolean right = true;
      for (int i = 0; i < 10; i++) {
        right &= b.get(i) == HostileHttpServer.patternByte(200 * MIB + i);
      }
      report("10 bytes of a 206 whose body never ends", right ? null : "wrong bytes");

      server.mode(Mode.HUGE_CONTENT_LENGTH);
      expectError("readAll of 9 KB sent as Content-Length 2,147,483,000", "body ended after 9000 of 2147483000 bytes",
          () -> store.readAll("meta.json"));
      expectError("length of 9 KB sent as Content-Length 2,147,483,000, then a read past 9 KB",
          "server ignores Range requests", () -> store.newInput("meta.json").read(100_000, 10));

      server.mode(Mode.NEGATIVE_CONTENT_LENGTH);
      expectError("Content-Length: -5", "bad Content-Length -5", () -> store.readAll("meta.json"));
    } catch (OutOfMemoryError e) {
      System.out.println("FAILED: out of memory: " + e.getMessage());
      System.exit(3);
    }
    System.out.println(failures == 0 ? "all modes bounded" : failures + " modes FAILED");
    System.exit(failures == 0 ? 0 : 1);
  }

  @FunctionalInterface
  private interface Read {
    void run() throws Exception;
  }

  private static void expectError(String what, String expected, Read read) {
    try {
      read.run();
      report(what, "no error");
    } catch (StoreException e) {
      report(what, e.getMessage().contains(expected) && !e.getMessage().contains("\n") ? null
          : "unexpected message: " + e.getMessage());
    } catch (Exception e) {
      report(what, "unexpected " + e);
    }
  }

  private static void report(String what, String problem) {
    if (problem == null) {
      System.out.println("ok " + what + " (heap used " + used() + " MiB)");
    } else {
      failures++;
      System.out.println("FAILED " + what + ": " + problem);
    }
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / MIB;
  }
}
