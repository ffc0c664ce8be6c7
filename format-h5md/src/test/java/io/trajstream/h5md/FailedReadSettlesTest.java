package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.store.FileStore;
import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read whose first chunk fails to decode (a checksum mismatch) while later fetch groups of the
 * same read are still in flight throws only once none of them touches the store any more: reads
 * not started are dropped, started ones are waited for. The file (7 MB in 200 one-frame chunks with
 * a Fletcher-32 checksum) is written by h5py; the store answers each read after 20 ms.
 */
class FailedReadSettlesTest {
  @TempDir Path dir;

  /** Counts reads in progress and reads started. */
  private static final class Watched extends ForwardingStore {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();

    Watched(Store delegate) {
      super(delegate);
    }

    @Override
    public StoreInput newInput(String key) throws IOException {
      return watch(delegate.newInput(key));
    }

    @Override
    public StoreInput newInput(String key, long knownLength) throws IOException {
      return watch(delegate.newInput(key, knownLength));
    }

    private StoreInput watch(StoreInput in) {
      return new ForwardingStoreInput(in) {
        @Override
        public void readFully(long position, byte[] buf, int off, int len) throws IOException {
          enter();
          try {
            delegate.readFully(position, buf, off, len);
          } finally {
            inFlight.decrementAndGet();
          }
        }

        @Override
        public ByteBuffer read(long position, int length) throws IOException {
          enter();
          try {
            return delegate.read(position, length);
          } finally {
            inFlight.decrementAndGet();
          }
        }
      };
    }

    private void enter() {
      inFlight.incrementAndGet();
      started.incrementAndGet();
    }
  }

  @Test
  void noReadOfAFailedCallOutlivesIt() throws Exception {
    TestEnvironment.requirePython("h5py", "numpy");
    Path file = dir.resolve("checked.h5md");
    TestEnvironment.python("""
        import sys, h5py, numpy as np
        rng = np.random.default_rng(3)
        with h5py.File(sys.argv[1], "w") as f:
            f.create_group("h5md").attrs["version"] = np.array([1, 1])
            p = f.create_group("particles/trajectory/position")
            p.create_dataset("value", data=rng.random((200, 3000, 3), dtype="f4"), chunks=(1, 3000, 3), fletcher32=True)
            p.create_dataset("step", data=np.arange(200)); p.create_dataset("time", data=np.arange(200) * 0.5)
        """, file.toString());
    ChunkRef first;
    try (StoreInput in = new FileStore(dir).newInput("checked.h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, "x", ReadOptions.defaults())) {
      first = s.root().dataset("particles/trajectory/position/value").chunks().get(0L);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(first.offset() + 100);
      int b = raf.read();
      raf.seek(first.offset() + 100);
      raf.write(b ^ 0x10);
    }
    Watched store = new Watched(new LatencyStore(new FileStore(dir), Duration.ofMillis(10), 0));
    ReadOptions options = ReadOptions.defaults().with("index", "none").with("cache.head", "64k");
    try (TrajectoryReader r = new H5mdFormat().open(store, "checked.h5md", options)) {
      for (int rep = 0; rep < 3; rep++) {
        int before = store.started.get();
        FormatException e = assertThrows(FormatException.class,
            () -> r.read(FrameRange.of(0, 200), AtomSelection.all(), EnumSet.of(Field.POSITION)));
        assertTrue(e.getMessage().contains("checked.h5md: particles/trajectory/position/value"), e.getMessage());
        assertEquals(0, store.inFlight.get(), "reads still running after the call threw");
        int after = store.started.get();
        Thread.sleep(300);
        assertEquals(after, store.started.get(), "reads started after the call threw");
        assertTrue(after - before >= 1, "the read fetched something");
      }
    }
  }
}
