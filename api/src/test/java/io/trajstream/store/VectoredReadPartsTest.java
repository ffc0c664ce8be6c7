package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long merged ranges go out as parallel ranged requests of the part size, and the bytes are unchanged. */
class VectoredReadPartsTest {
  private final ExecutorService pool = IoExecutors.newBoundedPool("parts-test", 8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** An in-memory input that records each request and can hold requests until several are in flight. */
  private final class RecordingInput implements StoreInput {
    final byte[] data;
    final int partSize;
    final List<long[]> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final CountDownLatch together;

    RecordingInput(byte[] data, int partSize, int together) {
      this.data = data;
      this.partSize = partSize;
      this.together = new CountDownLatch(together);
    }

    @Override
    public long length() {
      return data.length;
    }

    @Override
    public String location() {
      return "mem://parts/x";
    }

    @Override
    public int preferredPartSize() {
      return partSize;
    }

    @Override
    public java.util.concurrent.Executor ioExecutor() {
      return pool;
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      requests.add(new long[] {position, len});
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      together.countDown();
      try {
        together.await(2, TimeUnit.SECONDS); // lets parallel requests overlap, if they are parallel
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.arraycopy(StoreInputs.copyRange(location(), data, position, len), 0, buf, off, len);
      inFlight.decrementAndGet();
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(5).nextBytes(b);
    return b;
  }

  @Test
  void aLongRangeIsFetchedAsParallelPartsWithTheSameBytes() throws IOException {
    byte[] data = random(10 << 20);
    RecordingInput in = new RecordingInput(data, 1 << 20, 4);
    List<ByteBuffer> got = in.readVectoredBlocking(List.of(new ByteRange(100, (9 << 20) + 7)));
    byte[] bytes = new byte[got.get(0).remaining()];
    got.get(0).duplicate().get(bytes);
    byte[] want = java.util.Arrays.copyOfRange(data, 100, 100 + (9 << 20) + 7);
    assertArrayEquals(want, bytes);
    assertEquals(10, in.requests.size(), "9 MiB + 7 bytes in parts of 1 MiB");
    long total = 0;
    for (long[] r : in.requests) {
      assertTrue(r[1] <= 1 << 20, "no request longer than the part size");
      total += r[1];
    }
    assertEquals((9 << 20) + 7, total, "every byte requested once");
    assertTrue(in.maxInFlight.get() >= 4, "parts are fetched in parallel, saw " + in.maxInFlight.get());
  }

  @Test
  void mergedRangesAreSplitAndEveryMemberGetsItsBytes() throws IOException {
    byte[] data = random(6 << 20);
    RecordingInput in = new RecordingInput(data, 1 << 20, 1);
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ranges.add(new ByteRange(i * 250_000L + 17, 240_000));
    }
    Collections.reverse(ranges);
    List<ByteBuffer> got = in.readVectored(ranges, new VectoredReadOptions(64 << 10, 16 << 20)).join();
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange r = ranges.get(i);
      byte[] bytes = new byte[got.get(i).remaining()];
      got.get(i).duplicate().get(bytes);
      assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) r.offset(), (int) r.end()), bytes, "range " + i);
    }
    assertEquals(6, in.requests.size(), "one merged range of ~5.7 MiB in 1 MiB parts");
  }

  @Test
  void partSizeOptionOverridesTheHintAndNegativeNeverSplits() throws IOException {
    byte[] data = random(4 << 20);
    RecordingInput in = new RecordingInput(data, 1 << 20, 1);
    in.readVectored(List.of(new ByteRange(0, 4 << 20)), new VectoredReadOptions(0, 16 << 20, 2 << 20)).join();
    assertEquals(2, in.requests.size());
    in.requests.clear();
    in.readVectored(List.of(new ByteRange(0, 4 << 20)), new VectoredReadOptions(0, 16 << 20, -1)).join();
    assertEquals(1, in.requests.size());
  }

  @Test
  void localInputsDoNotSplit() throws IOException {
    byte[] data = random(3 << 20);
    RecordingInput in = new RecordingInput(data, 0, 1);
    in.readVectoredBlocking(List.of(new ByteRange(0, 3 << 20)));
    assertEquals(1, in.requests.size());
  }
}
