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
 * Opening a zarrmd with consolidated metadata through {@link TrajStream} by URL costs one round
 * trip: the {@code .zmetadata} GET and, in flight with it, the step and time arrays of the elements
 * under their conventional names, which is where our writer puts them. The extension names the
 * format, so nothing is probed, and no HEAD or existence check precedes a read. Each speculative
 * name is asked for once, whether or not the trajectory has that element.
 */
class OpenRoundTripTest {
  private static final String SPACE = "open-round-trip";

  /** A trajectory written as {@code name} and opened by URL through a traced, distant store. */
  private record Traced(TrajectoryReader reader, RequestTrace trace) {}

  private static Traced writeAndOpen(String name, SyntheticTrajectory t, WriteOptions write) throws IOException {
    t.writeTo(new ZarrmdFormat(), new MemoryStoreFactory().create(URI.create("mem://" + SPACE + "/"), StoreConfig.empty()),
        name, write, 50);
    AtomicReference<RequestTrace> trace = new AtomicReference<>();
    // The delay makes requests meant to overlap really overlap, so the trace sees them as one round trip.
    TrajStream ts = TrajStream.create().withStoreDecorator(s -> {
      RequestTrace r = new RequestTrace(new LatencyStore(s, Duration.ofMillis(50), 0));
      trace.set(r);
      return r;
    });
    TrajectoryReader r = ts.open("mem://" + SPACE + "/" + name, StoreConfig.empty());
    RequestTrace rt = trace.get();
    System.out.println(name + " open: " + rt.count() + " requests in " + rt.roundTrips() + " round trips " + rt.requests());
    return new Traced(r, rt);
  }

  private static RequestTrace traceOpenAndRead(String name, SyntheticTrajectory t, WriteOptions write) throws IOException {
    // .zmetadata, a step and a time chunk for each of position, velocity, force and box, and the
    // position's .zarray (checked against .zmetadata).
    int expectedRequests = 1 + 2 * 4 + 1;
    Traced opened = writeAndOpen(name, t, write);
    try (TrajectoryReader r = opened.reader()) {
      RequestTrace rt = opened.trace();
      assertEquals(t.frames(), r.info().frames());
      assertEquals(expectedRequests, rt.count(), "open: " + rt.requests());
      assertEquals(1, rt.roundTrips(), "open: " + rt.requests());
      assertTrue(rt.requests().contains(new RequestTrace.Request("GET", name + "/.zmetadata", 1)), "open: " + rt.requests());
      assertTrue(rt.requests().stream().allMatch(q -> q.kind().equals("GET")), "only GETs: " + rt.requests());
      rt.reset();
      r.read(FrameRange.of(0, 1), AtomSelection.all(), EnumSet.of(Field.POSITION));
      System.out.println(name + " first frame's positions: " + rt.count() + " requests in " + rt.roundTrips()
          + " round trips " + rt.requests());
      return rt;
    }
  }

  @Test
  void openingOurWritersOutputCostsOneRoundTrip() throws IOException {
    traceOpenAndRead("full.zarrmd", SyntheticTrajectory.builder().atoms(20).frames(120).box(30f).build(),
        WriteOptions.defaults().with("chunk-frames", "10").with("group", "trajectory"));
  }

  @Test
  void positionsOnlyCostOneRoundTripToOpenAndOneToRead() throws IOException {
    RequestTrace read = traceOpenAndRead("positions.zarrmd", SyntheticTrajectory.builder().atoms(20).frames(120)
        .fields(EnumSet.of(Field.POSITION)).build(),
        WriteOptions.defaults().with("chunk-frames", "10").with("group", "trajectory"));
    assertEquals(1, read.roundTrips(), "one frame's positions: " + read.requests());
  }

  @Test
  void anotherGroupNameCostsOneMoreRoundTripAndNoWrongData() throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(20).frames(120).box(30f).build();
    Traced opened = writeAndOpen("other-group.zarrmd", t, WriteOptions.defaults().with("chunk-frames", "10").with("group", "all"));
    try (TrajectoryReader r = opened.reader()) {
      RequestTrace rt = opened.trace();
      assertEquals(2, rt.roundTrips(), "open: " + rt.requests());
      assertEquals("all", r.info().particleGroup());
      assertEquals(t.frames(), r.info().frames());
      assertEquals(t.info().stepSeries().step(t.frames() - 1), r.info().stepSeries().step(t.frames() - 1));
    }
  }
}
