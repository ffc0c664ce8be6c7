package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.MemoryStoreFactory;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.RequestTrace;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Opening a zarrmd with consolidated metadata through {@link TrajStream} by URL costs two sequential
 * round trips: the {@code .zmetadata} GET, then the step and time arrays of every element, all in
 * flight together. The extension names the format, so nothing is probed, and no HEAD or existence
 * check precedes a read.
 */
class OpenRoundTripTest {
  private static final String SPACE = "open-round-trip";

  private static RequestTrace traceOpenAndRead(String name, SyntheticTrajectory t, WriteOptions write) throws IOException {
    // .zmetadata, then a step and a time chunk per time-dependent element.
    int expectedRequests = 1 + 2 * t.fields().size();
    t.writeTo(new ZarrmdFormat(), new MemoryStoreFactory().create(URI.create("mem://" + SPACE + "/"), StoreConfig.empty()),
        name, write, 50);
    AtomicReference<RequestTrace> trace = new AtomicReference<>();
    // The delay makes requests meant to overlap really overlap, so the trace sees them as one round trip.
    TrajStream ts = TrajStream.create().withStoreDecorator(s -> {
      RequestTrace r = new RequestTrace(new LatencyStore(s, Duration.ofMillis(50), 0));
      trace.set(r);
      return r;
    });
    try (TrajectoryReader r = ts.open("mem://" + SPACE + "/" + name, StoreConfig.empty())) {
      RequestTrace rt = trace.get();
      System.out.println(name + " open: " + rt.count() + " requests in " + rt.roundTrips() + " round trips " + rt.requests());
      assertEquals(t.frames(), r.info().frames());
      assertEquals(expectedRequests, rt.count(), "open: " + rt.requests());
      assertEquals(2, rt.roundTrips(), "open: " + rt.requests());
      assertEquals(new RequestTrace.Request("GET", name + "/.zmetadata", 1), rt.requests().get(0));
      assertTrue(rt.requests().stream().allMatch(q -> q.kind().equals("GET")), "only GETs: " + rt.requests());
      rt.reset();
      r.read(FrameRange.of(0, 1), AtomSelection.all(), EnumSet.of(Field.POSITION));
      System.out.println(name + " first frame's positions: " + rt.count() + " requests in " + rt.roundTrips()
          + " round trips " + rt.requests());
      return rt;
    }
  }

  @Test
  void openingOurWritersOutputCostsTwoRoundTrips() throws IOException {
    traceOpenAndRead("full.zarrmd", SyntheticTrajectory.builder().atoms(20).frames(120).box(30f).build(),
        WriteOptions.defaults().with("chunk-frames", "10"));
  }

  @Test
  void positionsOnlyCostTwoRoundTripsToOpenAndOneToRead() throws IOException {
    RequestTrace read = traceOpenAndRead("positions.zarrmd", SyntheticTrajectory.builder().atoms(20).frames(120)
        .fields(EnumSet.of(Field.POSITION)).build(),
        WriteOptions.defaults().with("chunk-frames", "10"));
    assertEquals(1, read.roundTrips(), "one frame's positions: " + read.requests());
  }
}
