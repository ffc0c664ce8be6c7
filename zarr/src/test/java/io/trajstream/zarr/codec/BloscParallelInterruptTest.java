package io.trajstream.zarr.codec;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.zarr.ParallelTasksInterruptTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blosc block tasks write into the caller's chunk buffer and read the caller's (possibly pooled)
 * frame buffer: an interrupted call must not return while a block task of it still runs.
 */
class BloscParallelInterruptTest {
  private final ExecutorService helpers = ParallelTasksInterruptTest.helperPool();

  @AfterEach
  void stop() {
    helpers.shutdownNow();
  }

  @Test
  void waitsForBlockTasksWhenInterrupted() throws Exception {
    ParallelTasksInterruptTest.Outcome o = ParallelTasksInterruptTest.interruptWhileHelperRuns(
        (n, body) -> BloscLz4.Parallel.run(n, helpers, 2, i -> {
          try {
            body.run(i);
          } catch (IOException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IOException(e);
          }
        }));
    assertTrue(o.helperDoneAtReturn(), "no block task runs after the call ends");
    assertInstanceOf(InterruptedIOException.class, o.thrown(), "the interrupted call reports the interrupt");
    assertTrue(o.interruptFlag(), "the interrupt flag is restored");
  }
}
