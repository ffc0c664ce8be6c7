package io.trajstream.runtime;

import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreFaultTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix ({@link AbstractStoreFaultTest}) for {@code http://} through a FaultProxy in
 * front of a static file server that serves ranges and checks Basic credentials. The store is
 * read-only, so the test object is written to the server's directory. Attempts are {@code
 * http.retries} + 1, the body timeout is {@code http.read-timeout-ms}; the credentials are the
 * user-info of the root URL, and the refused ones carry a wrong password (HTTP 401).
 */
class HttpStoreFaultContractTest extends AbstractStoreFaultTest {
  private static final String USER = "reader";
  private static final String PASSWORD = "pw-" + UUID.randomUUID().toString().replace("-", "");
  private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID().toString().replace("-", "");

  @TempDir static Path dir;
  private static RangeFileServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = new RangeFileServer(dir, USER, PASSWORD);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected int serverPort() {
    return server.port();
  }

  @Override
  protected void putObject(String key, byte[] bytes) throws IOException {
    new FileStore(dir).write(key, bytes);
  }

  @Override
  protected Store openThrough(URI endpoint, Tuning tuning) {
    return open(endpoint, PASSWORD, tuning);
  }

  @Override
  protected Store openWithInvalidCredentials(URI endpoint, Tuning tuning) {
    return open(endpoint, WRONG_PASSWORD, tuning);
  }

  private static Store open(URI endpoint, String password, Tuning tuning) {
    URI root = URI.create("http://" + USER + ":" + password + "@" + endpoint.getRawAuthority() + "/files/");
    return new HttpStoreFactory().create(root, StoreConfig.of(Map.of(
        HttpStoreOptions.RETRIES, String.valueOf(tuning.maxAttempts() - 1),
        HttpStoreOptions.READ_TIMEOUT, String.valueOf(tuning.readTimeout().toMillis()),
        HttpStoreOptions.MAX_RETRY_WAIT, "100")));
  }

  @Override
  protected CannedError answer(Fault fault) {
    return switch (fault) {
      case THROTTLED -> new CannedError(503, "text/plain", "Service Unavailable: slow down");
      case TOO_MANY_REQUESTS -> new CannedError(429, "text/plain", "Too Many Requests");
      default -> new CannedError(500, "text/plain", "Internal Server Error");
    };
  }

  /** The passwords, and the Basic header values that carry them. */
  @Override
  protected List<String> secrets() {
    return List.of(PASSWORD, WRONG_PASSWORD, RangeFileServer.basic(USER, PASSWORD).substring("Basic ".length()),
        RangeFileServer.basic(USER, WRONG_PASSWORD).substring("Basic ".length()));
  }

  /** The JDK HTTP client retries a GET once itself when a connection is reset before any byte. */
  @Override
  protected int connectionsPerAttemptOnReset() {
    return 2;
  }
}
