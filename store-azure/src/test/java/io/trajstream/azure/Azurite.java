package io.trajstream.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.TestEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running Azurite blob server on 127.0.0.1 (a free port it picks itself), in memory, started from
 * the npm package installed in this module's {@code node_modules} (installed with {@code npm ci}
 * when missing) and stopped by its process id.
 */
public final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account (a public constant, not a secret). */
  public static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's well-known development key (a public constant; never printed by the tests). */
  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Pattern LISTENING = Pattern.compile("successfully listens on (http://127\\.0\\.0\\.1:(\\d+))");
  private static final Path MODULE = moduleDir();
  private static final Path MAIN_JS = MODULE.resolve("node_modules/azurite/dist/src/blob/main.js");

  private final Process process;
  private final long pid;
  private final int port;
  private final Thread shutdownHook;
  private final Path log;

  private Azurite(Process process, int port, Path log) {
    this.process = process;
    this.pid = process.pid();
    this.port = port;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "azurite-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The directory holding this module's package.json (where Azurite is installed): the system
   * property {@code trajstream.azurite.dir}, else the working directory when it is this module,
   * else {@code ../store-azure} (tests of other modules run from their own directory).
   */
  private static Path moduleDir() {
    String prop = System.getProperty("trajstream.azurite.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(cwd.resolve("package.json")) && cwd.getFileName().toString().equals("store-azure")) {
      return cwd;
    }
    return cwd.resolveSibling("store-azure").normalize();
  }

  /** Starts a server, installing Azurite first when it is missing; skips (or fails under CI) without node. */
  public static Azurite start() throws IOException {
    String node = which("node").orElse(null);
    if (node == null) {
      TestEnvironment.missing("node is not on the PATH: Azurite (npm package azurite) cannot run");
    }
    if (!Files.isRegularFile(MAIN_JS)) {
      install();
    }
    Path work = Path.of("target", "azurite").toAbsolutePath();
    Files.createDirectories(work);
    Path log = work.resolve("azurite-" + ProcessHandle.current().pid() + ".log");
    List<String> cmd =
        List.of(node, MAIN_JS.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--inMemoryPersistence",
            "--blobKeepAliveTimeout", "120");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = r.readLine()) != null) {
                  w.println(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              } finally {
                port.completeExceptionally(new IOException("Azurite exited; see " + log));
              }
            },
            "azurite-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new Azurite(p, port.get(90, TimeUnit.SECONDS), log);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("Azurite did not start; see " + log, e);
    }
  }

  private static synchronized void install() throws IOException {
    if (Files.isRegularFile(MAIN_JS)) {
      return;
    }
    String npm = which("npm").orElse(null);
    if (npm == null) {
      TestEnvironment.missing("npm is not on the PATH: cannot install Azurite (cd store-azure && npm ci)");
    }
    TestEnvironment.ProcessResult r =
        TestEnvironment.run(List.of(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"), MODULE);
    if (r.exitCode() != 0 || !Files.isRegularFile(MAIN_JS)) {
      throw new IOException("npm ci in " + MODULE + " failed (exit " + r.exitCode() + "):\n" + r.stderr());
    }
  }

  private static Optional<String> which(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * The server's access-log lines ({@code "METHOD /path HTTP/1.1" status}) whose request path
   * contains {@code pathPart} (URL-encoded, as sent), once the log has been quiet for 200 ms.
   */
  public List<String> requests(String pathPart) throws IOException, InterruptedException {
    long size = -1;
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      long now = Files.size(log);
      if (now == size) {
        break;
      }
      size = now;
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int q = line.indexOf('"');
      if (q >= 0 && line.indexOf(pathPart, q) > 0) {
        out.add(line.substring(q));
      }
    }
    return out;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** The server's process id. */
  public long pid() {
    return pid;
  }

  /** The blob endpoint of the development account. */
  public String endpoint() {
    return endpoint(port);
  }

  /** The development account's blob endpoint as reached through {@code port} (e.g. a proxy's). */
  public static String endpoint(int port) {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** A connection string for the development account through {@code port}. */
  public static String connectionString(int port) {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
        + ";BlobEndpoint=" + endpoint(port) + ";";
  }

  /** A connection string for the development account. */
  public String connectionString() {
    return connectionString(port);
  }

  /** Store options that reach this server with the connection string. */
  public StoreConfig config() {
    return StoreConfig.of(java.util.Map.of(AzureOptions.CONNECTION_STRING, connectionString()));
  }

  /** An SDK client with the account key, for arranging tests (containers, SAS tokens). */
  public BlobServiceClient admin() {
    return new BlobServiceClientBuilder()
        .connectionString(connectionString())
        .httpClient(AzureClients.httpClient(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30)))
        .buildClient();
  }

  /** Creates {@code container} when missing. */
  public void createContainer(String container) {
    var c = admin().getBlobContainerClient(container);
    if (!c.exists()) {
      c.create();
    }
  }

  /** Stops the server by its process id (children first), forcibly after 10 s. */
  private void stop() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    List<ProcessHandle> children = new ArrayList<>();
    handle.get().descendants().forEach(children::add);
    children.forEach(ProcessHandle::destroy);
    handle.get().destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        handle.get().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs stop() again, harmlessly
    }
  }
}
