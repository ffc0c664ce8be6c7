package io.trajstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.Units;
import io.trajstream.store.ByteRange;
import io.trajstream.store.RangeCoalescer;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.VectoredReadOptions;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiBasicsTest {
  @Test
  void storeConfigMasksSecretsEverywhereItPrints() {
    StoreConfig c = StoreConfig.parse(List.of("s3.endpoint=http://127.0.0.1:9000", "s3.secret-access-key=TOPSECRET",
        "azure.connection-string=AccountKey=K1", "azure.sas-token=sig=abc", "gcs.project=p"));
    assertFalse(c.toString().contains("TOPSECRET") || c.toString().contains("K1") || c.toString().contains("sig=abc"), c.toString());
    assertTrue(c.toString().contains("s3.endpoint=http://127.0.0.1:9000") && c.toString().contains("gcs.project=p"));
    assertEquals("TOPSECRET", c.get("s3.secret-access-key").orElseThrow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.parse(List.of("s3.session-token")));
    assertTrue(e.getMessage().contains("key=value"));
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.parse(List.of("s3.anonymous=perhaps")).getBoolean("s3.anonymous", false));
    assertTrue(b.getMessage().contains("s3.anonymous"));
  }

  @Test
  void coalescerMergesCloseRangesUpToTheCap() {
    List<ByteRange> ranges = List.of(new ByteRange(1000, 10), new ByteRange(0, 10), new ByteRange(20, 10),
        new ByteRange(5, 10), new ByteRange(100_000, 5));
    List<RangeCoalescer.MergedRange> plan = RangeCoalescer.plan(ranges, new VectoredReadOptions(1000, 1 << 20));
    assertEquals(2, plan.size());
    assertEquals(0, plan.get(0).offset());
    assertEquals(1010, plan.get(0).length());
    assertArrayEquals(new int[] {1, 3, 2, 0}, plan.get(0).members());
    assertEquals(1, RangeCoalescer.plan(ranges, new VectoredReadOptions(1 << 20, 1 << 20)).size());
    assertEquals(5, RangeCoalescer.plan(ranges, VectoredReadOptions.NO_MERGE).size() + 0 * 1,
        "without merging every range is its own request");
    List<RangeCoalescer.MergedRange> capped = RangeCoalescer.plan(
        List.of(new ByteRange(0, 600), new ByteRange(600, 600)), new VectoredReadOptions(1000, 1000));
    assertEquals(2, capped.size(), "the cap splits merges");
  }

  @Test
  void unitsConvertH5mdUnitsToMdAnalysisUnits() {
    assertEquals(10.0, Units.factor(Units.Quantity.LENGTH, "nm"));
    assertEquals(1e-3, Units.factor(Units.Quantity.TIME, "fs"));
    assertEquals(10.0, Units.factor(Units.Quantity.VELOCITY, "nm ps-1"));
    assertEquals(0.1, Units.factor(Units.Quantity.FORCE, "kJ mol-1 nm-1"), 1e-15);
    assertEquals(1.0, Units.factor(Units.Quantity.LENGTH, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.factor(Units.Quantity.LENGTH, "furlong"));
    assertTrue(e.getMessage().contains("furlong") && e.getMessage().contains("length"));
    TrajectoryInfo info = TrajectoryInfo.builder("t", 1, new long[] {0}).field(Field.POSITION, "nm").field(Field.BOX, "nm").timeUnit("fs").build();
    FrameBlock b = FrameBlock.builder(new int[] {0}, new int[] {0})
        .set(Field.POSITION, 0, new float[] {1, 2, 3}, 0)
        .set(Field.BOX, 0, new float[] {5, 5, 5, 90, 90, 60}, 0).time(0, 2000).build();
    FrameBlock md = Units.toMdAnalysis(b, info);
    assertArrayEquals(new float[] {10, 20, 30}, md.positions());
    assertArrayEquals(new float[] {50, 50, 50, 90, 90, 60}, md.box(0), "angles stay degrees");
    assertEquals(2.0, md.time(0), 1e-12);
  }

  @Test
  void boxVectorsRoundTripThroughLengthsAndAngles() {
    float[] box = {30f, 40f, 50f, 80f, 95f, 70f};
    float[] back = BoxGeometry.fromVectors(BoxGeometry.toVectors(box, 0), 0);
    for (int i = 0; i < 6; i++) {
      assertEquals(box[i], back[i], 1e-3, "component " + i);
    }
    assertArrayEquals(new float[6], BoxGeometry.fromVectors(new double[9], 0), "degenerate box is all zeros");
  }

  @Test
  void frameBlocksKeepAbsentSamplesAbsent() {
    FrameBlock.Builder b = FrameBlock.builder(new int[] {3, 4}, new int[] {0, 1});
    b.set(Field.VELOCITY, 1, new float[] {1, 2, 3, 4, 5, 6}, 0);
    FrameBlock block = b.build();
    assertFalse(block.has(Field.VELOCITY, 0));
    assertTrue(block.has(Field.VELOCITY, 1));
    assertTrue(Float.isNaN(block.values(Field.VELOCITY)[0]), "absent frames hold NaN, never another frame's data");
    FrameBlock joined = FrameBlock.concat(List.of(block, block));
    assertEquals(4, joined.frameCount());
    assertFalse(joined.has(Field.VELOCITY, 2));
    FrameBlock.Builder all = FrameBlock.builder(new int[] {0, 1}, new int[] {0});
    float[] dense = all.arrayForAllFrames(Field.POSITION);
    System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, dense, 0, 6);
    FrameBlock full = all.build();
    assertTrue(full.has(Field.POSITION, 0) && full.has(Field.POSITION, 1));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, full.positions());
    assertEquals(3, new FrameRange(0, 7, 3).size());
    assertArrayEquals(new int[] {0, 3, 6}, new FrameRange(0, 7, 3).toArray());
  }

  @Test
  void jsonWriterAndResultsWriteValidJson() {
    StringBuilder sb = new StringBuilder();
    new JsonWriter(sb).beginObject().name("a\"b").value("x\ny").name("n").value(Double.NaN)
        .name("arr").array(new double[] {1.5, 2}).name("o").beginObject().endObject().endObject();
    assertEquals("{\"a\\\"b\":\"x\\ny\",\"n\":null,\"arr\":[1.5,2.0],\"o\":{}}", sb.toString());
    AnalysisResult r = AnalysisResult.perFrame("rmsd", "Angstrom", new int[] {0, 1}, new double[] {0, 0.5}, new double[] {0.0, 1.25});
    assertEquals("{\"analysis\":\"rmsd\",\"unit\":\"Angstrom\",\"frames\":[0,1],\"time\":[0.0,0.5],\"values\":[0.0,1.25]}", r.toJson());
    StringWriter csv = new StringWriter();
    r.writeCsv(csv);
    assertEquals("frame,time,rmsd (Angstrom)\n0,0.0,0.0\n1,0.5,1.25\n", csv.toString());
    assertEquals(Map.of(), r.metadata());
  }
}
