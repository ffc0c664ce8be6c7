package io.trajstream.gcs;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreInput;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import java.util.Random;

/**
 * What a read-only open and read costs in a fresh JVM, with and without the client; an indicative
 * measurement, not a test. {@code serve [FILE...]}: a GCS test server holding {@code bkt/run/data.bin}
 * (4 MiB) and each FILE as {@code bkt/run/NAME}, its endpoint printed, until killed. {@code read ENDPOINT DIRECT [adc]}: opens the store
 * with {@code gcs.direct-reads=DIRECT}, anonymously or (with {@code adc}) with Application Default
 * Credentials whose token_uri is the server's {@code /token}, opens the object, reads three ranges and
 * checks the object exists, then prints the process's CPU time and the time since the JVM started.
 */
public final class GcsReadCost {
  private GcsReadCost() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("serve")) {
      GcsTestServer server = GcsTestServer.start();
      server.createBucket("bkt");
      byte[] data = new byte[4 << 20];
      new Random(1).nextBytes(data);
      server.putObject("bkt", "run/data.bin", data);
      for (int i = 1; i < args.length; i++) {
        java.nio.file.Path file = java.nio.file.Path.of(args[i]);
        server.putObject("bkt", "run/" + file.getFileName(), java.nio.file.Files.readAllBytes(file));
      }
      System.out.println(server.endpoint());
      Thread.sleep(Long.MAX_VALUE);
    }
    boolean adc = args.length > 3 && args[3].equals("adc");
    StoreConfig config = StoreConfig.of(Map.of(GcsOptions.HOST, args[1], GcsOptions.ANONYMOUS, String.valueOf(!adc),
        GcsOptions.DIRECT_READS, args[2]));
    long sum = 0;
    try (Store s = new GcsStoreFactory(Map.of()).create(URI.create("gs://bkt/run"), config);
        StoreInput in = s.newInput("data.bin")) {
      for (long at : new long[] {0, 1 << 20, (4 << 20) - 4096}) {
        sum += in.read(at, 4096).get(100);
      }
      sum += s.exists("data.bin") ? 1 : 0;
    }
    long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
    long wallMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("direct-reads=" + args[2] + (adc ? " adc" : " anonymous") + " cpu_ms=" + cpuMs + " wall_ms=" + wallMs + " check=" + sum);
  }
}
