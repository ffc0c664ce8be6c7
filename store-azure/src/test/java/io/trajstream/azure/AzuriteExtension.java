package io.trajstream.azure;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving tests one Azurite server for the whole test run: started before the
 * first class that registers it, stopped (by process id) when the run ends. Register with {@code
 * @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();}.
 */
public final class AzuriteExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

  private volatile Azurite server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                Azurite.class,
                k -> {
                  try {
                    return Azurite.start();
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                Azurite.class);
  }

  /** The running server; available from {@code @BeforeAll} on. */
  public Azurite server() {
    if (server == null) {
      throw new IllegalStateException("Azurite is not started: register AzuriteExtension as a static field");
    }
    return server;
  }
}
